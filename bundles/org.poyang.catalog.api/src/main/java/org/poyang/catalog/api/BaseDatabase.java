package org.poyang.catalog.api;

/** The province's base databases (基础数据库, Art. 11) an entry belongs to. */
public enum BaseDatabase implements Labelled {
    /** 人口基础数据库. */
    POPULATION("人口基础数据库", "population"),
    /** 法人基础数据库. */
    LEGAL_PERSON("法人基础数据库", "legal persons"),
    /** 信用基础数据库. */
    CREDIT("信用基础数据库", "credit"),
    /** 电子证照基础数据库. */
    E_LICENCE("电子证照基础数据库", "electronic licences"),
    /** 自然资源和空间地理基础数据库. */
    SPATIAL("自然资源和空间地理基础数据库", "natural resources and spatial geography");

    private final String labelZh;
    private final String labelEn;

    BaseDatabase(String labelZh, String labelEn) {
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
