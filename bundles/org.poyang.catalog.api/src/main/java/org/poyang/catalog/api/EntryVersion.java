package org.poyang.catalog.api;

import java.time.Instant;

/**
 * One stored state of a catalog entry (动态调整, Art. 9): every change, including lifecycle actions,
 * adds a version; none is ever rewritten.
 *
 * @param version  1, 2, ...
 * @param action   what produced it
 * @param actor    who did it
 * @param reason   why (required for changes to published entries, returns and withdrawals)
 * @param at       when
 * @param entry    the entry as it stood after the action
 */
public record EntryVersion(int version, Action action, String actor, String reason, Instant at, CatalogEntry entry) {

    /** The change behind a version. */
    public enum Action implements Labelled {
        CREATE("创建", "created"),
        UPDATE("修改", "updated"),
        SUBMIT("提交审核", "submitted"),
        PUBLISH("发布", "published"),
        RETURN("退回", "returned"),
        WITHDRAW("撤销", "withdrawn");

        private final String labelZh;
        private final String labelEn;

        Action(String labelZh, String labelEn) {
            this.labelZh = labelZh;
            this.labelEn = labelEn;
        }

        @Override
        public String labelZh() {
            return labelZh;
        }

        @Override
        public String labelEn() {
            return labelEn;
        }
    }
}
