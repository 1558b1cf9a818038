package org.poyang.catalog.api;

/** The level of an administrative division or an agency (省级 / 设区的市级 / 县级). */
public enum AdministrativeLevel implements Labelled {
    PROVINCE("省级", "province"),
    CITY("设区的市级", "city"),
    COUNTY("县级", "county");

    private final String labelZh;
    private final String labelEn;

    AdministrativeLevel(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }
}
