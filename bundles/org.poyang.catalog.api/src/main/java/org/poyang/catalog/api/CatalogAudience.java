package org.poyang.catalog.api;

/** Who is asking the catalog, which decides what a search may return (Art. 17, 22). */
public enum CatalogAudience implements Labelled {
    /** 社会公众（开放目录）. */
    PUBLIC("社会公众（开放目录）", "the public (open catalog)"),
    /** 政务部门（共享目录）. */
    AGENCY("政务部门（共享目录）", "agencies (share catalog)"),
    /** 公共数据管理部门（全部目录）. */
    MANAGEMENT("公共数据管理部门（全部目录）", "management department (whole catalog)");

    private final String labelZh;
    private final String labelEn;

    CatalogAudience(String labelZh, String labelEn) {
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
