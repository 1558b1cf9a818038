package org.poyang.catalog.api;

/** Why a not-open entry may be opened (Art. 17 para 3): it has been declassified or desensitised, or the right holders consented. */
public enum OpenBasis implements Labelled {
    /** 脱密处理. */
    DECLASSIFIED("脱密处理", "declassified"),
    /** 脱敏处理. */
    DESENSITISED("脱敏处理", "desensitised"),
    /** 权利人同意. */
    CONSENT("权利人同意", "consent of the right holders");

    private final String labelZh;
    private final String labelEn;

    OpenBasis(String labelZh, String labelEn) {
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
