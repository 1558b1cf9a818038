package org.poyang.catalog.api;

import java.util.Set;

/**
 * Where a catalog entry stands in its lifecycle (目录编制与发布, Art. 9): an agency drafts and
 * submits it; the public data management department publishes it or returns it with reasons; a
 * published entry may be withdrawn (动态调整), and a draft or returned entry abandoned the same way.
 */
public enum EntryStatus implements Labelled {
    /** 草稿: being written by the providing agency. */
    DRAFT("草稿", "draft"),
    /** 已提交: waiting for review by the management department. */
    SUBMITTED("待审核", "submitted"),
    /** 已发布: in the province's (or a city's supplementary) open and share catalogs. */
    PUBLISHED("已发布", "published"),
    /** 已退回: returned to the agency with reasons; it may be edited and submitted again. */
    RETURNED("已退回", "returned"),
    /** 已撤销: no longer in the catalog; its versions are kept. */
    WITHDRAWN("已撤销", "withdrawn");

    private final String labelZh;
    private final String labelEn;

    EntryStatus(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    /** Whether the providing agency may still change the entry's content in this state. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED || this == PUBLISHED;
    }

    /** The states an action may lead to from here. */
    public Set<EntryStatus> next() {
        return switch (this) {
            case DRAFT, RETURNED -> Set.of(SUBMITTED, WITHDRAWN);
            case SUBMITTED -> Set.of(PUBLISHED, RETURNED);
            case PUBLISHED -> Set.of(WITHDRAWN);
            case WITHDRAWN -> Set.of();
        };
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
