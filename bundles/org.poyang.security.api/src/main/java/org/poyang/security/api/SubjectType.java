package org.poyang.security.api;

/** Who an account belongs to (Art. 2, 18, 23, 40-43): the public side and the staff side. */
public enum SubjectType {
    /** 自然人: a citizen using open data. */
    NATURAL_PERSON("自然人", "natural person", false),
    /** 法人: a company or institution using open data. */
    LEGAL_PERSON("法人", "legal person", false),
    /** 非法人组织: another organisation using open data. */
    OTHER_ORGANISATION("非法人组织", "other organisation", false),
    /** 公共管理和服务机构工作人员: an agency's data officer or staff member. */
    AGENCY_STAFF("公共管理和服务机构工作人员", "agency staff", true),
    /** 公共数据管理部门工作人员: staff of the public data management department. */
    MANAGEMENT_STAFF("公共数据管理部门工作人员", "management department staff", true),
    /** 网信部门监督人员: a cyberspace administration supervisor. */
    CAC_SUPERVISOR("网信部门监督人员", "cyberspace administration supervisor", true),
    /** 专家委员会成员: a member of the expert committee. */
    EXPERT("专家委员会成员", "expert committee member", true),
    /** 平台运营人员: a platform operator. */
    OPERATOR("平台运营人员", "platform operator", true),
    /** 审计人员: an auditor. */
    AUDITOR("审计人员", "auditor", true);

    private final String labelZh;
    private final String labelEn;
    private final boolean staff;

    SubjectType(String labelZh, String labelEn, boolean staff) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
        this.staff = staff;
    }

    /** Staff accounts act for the platform or an agency; they may (and should) use a second factor. */
    public boolean staff() {
        return staff;
    }

    /** Agency and management staff belong to a registered agency. */
    public boolean needsAgency() {
        return this == AGENCY_STAFF || this == MANAGEMENT_STAFF;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }
}
