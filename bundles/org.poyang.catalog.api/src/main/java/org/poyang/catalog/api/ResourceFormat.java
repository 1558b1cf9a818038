package org.poyang.catalog.api;

/** The form in which an entry's data is held and provided (资源格式). */
public enum ResourceFormat implements Labelled {
    /** 电子文件. */
    FILE("电子文件", "file"),
    /** 数据库. */
    DATABASE("数据库", "database"),
    /** 接口服务. */
    API("接口服务", "API"),
    /** 电子表格. */
    SPREADSHEET("电子表格", "spreadsheet"),
    /** 地理空间数据. */
    GEOSPATIAL("地理空间数据", "geospatial data"),
    /** 图形图像. */
    IMAGE("图形图像", "image"),
    /** 流媒体. */
    STREAM("流媒体", "stream"),
    /** 其他. */
    OTHER("其他", "other");

    private final String labelZh;
    private final String labelEn;

    ResourceFormat(String labelZh, String labelEn) {
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
