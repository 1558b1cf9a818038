package org.poyang.security.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an account may do. The three administrator roles follow separation of duties (三员分立):
 * no account holds two of them.
 */
public enum Role {
    /** 系统管理员: runs the platform (configuration, modules, backups). */
    SYSTEM_ADMIN("系统管理员", "system administrator"),
    /** 安全管理员: manages accounts, roles, keys and security policy. */
    SECURITY_ADMIN("安全管理员", "security administrator"),
    /** 审计管理员: reads and verifies the audit trail. */
    AUDIT_ADMIN("审计管理员", "audit administrator"),
    /** 数据专员: an agency's data officer; writes the agency's catalog entries and answers applications. */
    DATA_OFFICER("数据专员", "data officer"),
    /** 目录审核员: management department staff who review and publish catalog entries. */
    CATALOG_REVIEWER("目录审核员", "catalog reviewer"),
    /** 监督员: supervises and may suspend users and applications (Art. 39). */
    SUPERVISOR("监督员", "supervisor"),
    /** 申请人: applies for conditional open data. */
    APPLICANT("申请人", "applicant");

    /** The administrator roles no single account may combine. */
    public static final Set<Role> SEPARATED = EnumSet.of(SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN);

    private final String labelZh;
    private final String labelEn;

    Role(String labelZh, String labelEn) {
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
