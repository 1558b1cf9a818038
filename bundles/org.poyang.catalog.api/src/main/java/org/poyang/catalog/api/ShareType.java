package org.poyang.catalog.api;

/**
 * The share attribute of a catalog entry (共享属性, Art. 22): sharing between agencies is the rule
 * (Art. 21); conditional and not-shared entries must name their legal basis, and conditional ones
 * their conditions.
 */
public enum ShareType implements Labelled {
    /** 无条件共享: any agency may use it for its duties (Art. 23: by API or bulk download). */
    UNCONDITIONAL("无条件共享", "unconditional sharing"),
    /** 有条件共享: by application, answered within 10 working days (Art. 23). */
    CONDITIONAL("有条件共享", "conditional sharing"),
    /** 不予共享: only after negotiation and coordination (Art. 23). */
    NOT_SHARED("不予共享", "not shared");

    private final String labelZh;
    private final String labelEn;

    ShareType(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    /** Art. 22 para 2: conditional and not-shared entries must state the law or rule they rest on. */
    public boolean requiresLegalBasis() {
        return this != UNCONDITIONAL;
    }

    /** Art. 22 para 2: a conditional entry must state its conditions. */
    public boolean requiresConditions() {
        return this == CONDITIONAL;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }
}
