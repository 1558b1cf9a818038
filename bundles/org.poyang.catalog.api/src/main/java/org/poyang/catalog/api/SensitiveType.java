package org.poyang.catalog.api;

/** The kind of personal or sensitive information a data item holds (敏感类型); drives masking in the security module (Art. 30) and the Art. 17 open rules. */
public enum SensitiveType implements Labelled {
    /** 非敏感. */
    NONE("非敏感", "not sensitive"),
    /** 身份证件号码. */
    ID_NUMBER("身份证件号码", "identity document number"),
    /** 手机号码. */
    MOBILE("手机号码", "mobile number"),
    /** 姓名. */
    NAME("姓名", "personal name"),
    /** 地址. */
    ADDRESS("地址", "address"),
    /** 银行卡号. */
    BANK_CARD("银行卡号", "bank card number"),
    /** 车牌号码. */
    LICENCE_PLATE("车牌号码", "licence plate"),
    /** 电子邮箱. */
    EMAIL("电子邮箱", "e-mail address"),
    /** 生物识别信息. */
    BIOMETRIC("生物识别信息", "biometric data"),
    /** 医疗健康信息. */
    HEALTH("医疗健康信息", "health data"),
    /** 行踪轨迹. */
    LOCATION("行踪轨迹", "location track"),
    /** 其他个人信息. */
    OTHER_PERSONAL("其他个人信息", "other personal information");

    private final String labelZh;
    private final String labelEn;

    SensitiveType(String labelZh, String labelEn) {
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
