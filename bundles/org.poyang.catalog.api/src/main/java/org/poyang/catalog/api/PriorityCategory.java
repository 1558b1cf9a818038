package org.poyang.catalog.api;

/** The categories of data opened first and with priority (重点和优先开放, Art. 15). */
public enum PriorityCategory implements Labelled {
    /** 经济发展、公共安全、公共卫生、社会治理、民生保障. */
    SOCIO_ECONOMIC("经济发展、公共安全、公共卫生、社会治理、民生保障", "economy, public safety, public health, social governance, livelihood"),
    /** 自然资源、生态环境、交通出行、气象. */
    ENVIRONMENT("自然资源、生态环境、交通出行、气象", "natural resources, environment, transport, weather"),
    /** 行政许可、企业公共信用信息. */
    DIGITAL_ECONOMY("行政许可、企业公共信用信息", "administrative licences and enterprise credit"),
    /** 其他依法需要开放的数据. */
    OTHER_BY_LAW("其他依法需要开放的数据", "other data to be opened by law");

    private final String labelZh;
    private final String labelEn;

    PriorityCategory(String labelZh, String labelEn) {
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
