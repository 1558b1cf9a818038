package org.poyang.catalog.api;

/** The type of a data item's values (数据类型). */
public enum DataType implements Labelled {
    /** 字符型. */
    STRING("字符型", "string"),
    /** 整数型. */
    INTEGER("整数型", "integer"),
    /** 数值型. */
    DECIMAL("数值型", "decimal"),
    /** 日期型. */
    DATE("日期型", "date"),
    /** 日期时间型. */
    DATETIME("日期时间型", "date and time"),
    /** 布尔型. */
    BOOLEAN("布尔型", "boolean"),
    /** 二进制. */
    BINARY("二进制", "binary");

    private final String labelZh;
    private final String labelEn;

    DataType(String labelZh, String labelEn) {
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
