package org.poyang.catalog.api;

/** How shared data reaches the using agency (共享方式, Art. 23). */
public enum ShareMethod implements Labelled {
    /** 接口调用. */
    API("接口调用", "API call"),
    /** 批量下载. */
    BULK_DOWNLOAD("批量下载", "bulk download"),
    /** 文件交换. */
    FILE_EXCHANGE("文件交换", "file exchange"),
    /** 库表同步. */
    DATABASE_SYNC("库表同步", "database synchronisation");

    private final String labelZh;
    private final String labelEn;

    ShareMethod(String labelZh, String labelEn) {
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
