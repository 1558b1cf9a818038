package org.poyang.catalog.api;

/**
 * The open attribute of a catalog entry (开放属性, Art. 17). Not-open data may become open only after
 * desensitisation or with the consent of the persons concerned (Art. 17 para 3).
 */
public enum OpenType implements Labelled {
    /** 无条件开放: downloadable and callable by anyone (Art. 18). */
    UNCONDITIONAL("无条件开放", "open without conditions"),
    /** 有条件开放: by application, answered within 10 working days (Art. 18). */
    CONDITIONAL("有条件开放", "open on conditions"),
    /** 不予开放. */
    NOT_OPEN("不予开放", "not open");

    private final String labelZh;
    private final String labelEn;

    OpenType(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    /** Whether the public can reach the data in any way (download, API or model results). */
    public boolean isOpen() {
        return this != NOT_OPEN;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }
}
