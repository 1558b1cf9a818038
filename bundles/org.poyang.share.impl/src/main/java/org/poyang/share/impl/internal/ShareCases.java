package org.poyang.share.impl.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.platform.casework.CaseContent;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.platform.workflow.Case;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.NewGrant;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.share.api.ShareApplicationForm;
import org.poyang.share.api.ShareTerms;

/**
 * What applications and negotiations have in common: checking the form a using agency fills in, the terms
 * data is provided on, and the grant those terms become (Art. 23, 24).
 */
final class ShareCases {

    /** Longest a grant of shared data may run. */
    static final int MAX_GRANT_YEARS = 3;
    static final int MAX_TEXT = 1000;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static final Violation ROUTE_VIOLATION = new Violation("route", "共享方式应为 SHARE_API（接口调用）或 SHARE_DOWNLOAD（批量下载）",
            "the route is SHARE_API (API call) or SHARE_DOWNLOAD (bulk download)");

    /** The form, checked: every violation listed (Art. 23, 24). */
    record Checked(CatalogEntry entry, String purpose, String legalDuty, List<String> items, Route route, String contact, String material) {
    }

    private ShareCases() {
    }

    /** The share route named, or null when the name is neither. */
    static Route route(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "SHARE_API", "API" -> Route.SHARE_API;
            case "SHARE_DOWNLOAD", "DOWNLOAD" -> Route.SHARE_DOWNLOAD;
            default -> null;
        };
    }

    /**
     * Checks what a using agency asks for: a published entry of another agency, a purpose, the legal duty
     * served (Art. 24: shared data serves a legal duty), known items and a share route.
     */
    static Checked check(Subject s, ShareApplicationForm form, CatalogEntry e) {
        if (e.status() != EntryStatus.PUBLISHED) {
            throw new ProblemException(ProblemType.NOT_FOUND, "共享目录中没有 " + e.code().value() + " (" + e.code().value()
                    + " is not in the share catalog)");
        }
        List<Violation> v = new ArrayList<>();
        if (e.provider().value().equals(s.agency())) {
            v.add(new Violation("resource", "这是本单位提供的数据，无需申请共享", "this is your own agency's data: no sharing is needed"));
        }
        if (blank(form.purpose()) || form.purpose().strip().length() > MAX_TEXT) {
            v.add(new Violation("purpose", "须说明数据用途（不超过 1000 字）", "state the purpose (at most 1000 characters)"));
        }
        if (blank(form.legalDuty()) || form.legalDuty().strip().length() > MAX_TEXT) {
            v.add(new Violation("legalDuty", "须说明所履行的法定职责及其依据（第二十四条）", "state the legal duty served and its legal source (Art. 24)"));
        }
        Set<String> known = new LinkedHashSet<>();
        e.items().forEach(i -> known.add(i.name()));
        if (form.items() == null || form.items().isEmpty()) {
            v.add(new Violation("items", "须列出所需的信息项", "list the data items needed"));
        } else {
            for (String item : form.items()) {
                if (item == null || !known.contains(item)) {
                    v.add(new Violation("items", "信息资源没有信息项“" + item + "”", "the resource has no item '" + item + "'"));
                }
            }
        }
        Route route = route(form.route());
        if (route == null) {
            v.add(ROUTE_VIOLATION);
        }
        if (blank(form.contact()) || form.contact().length() > 200) {
            v.add(new Violation("contact", "须填写经办人及联系方式（不超过 200 字）", "give a contact person and how to reach them (at most 200 characters)"));
        }
        if (form.material() != null && form.material().length() > 2000) {
            v.add(new Violation("material", "补充材料说明不超过 2000 字", "material is at most 2000 characters"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        return new Checked(e, form.purpose().strip(), form.legalDuty().strip(), List.copyOf(new LinkedHashSet<>(form.items())), route,
                form.contact().strip(), blank(form.material()) ? null : form.material().strip());
    }

    /** The terms, checked against what was asked for; the grant's items, route and last day. */
    record Terms(String conditions, List<String> items, Route route, LocalDate last) {
    }

    static Terms terms(ShareTerms t, List<String> asked, Route askedRoute, LocalDate today) {
        if (t == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少提供条件 (the terms are empty)");
        }
        List<Violation> v = new ArrayList<>();
        if (blank(t.conditions()) || t.conditions().length() > 2000) {
            v.add(new Violation("conditions", "须写明共享条件和使用要求（不超过 2000 字）", "state the conditions of use (at most 2000 characters)"));
        }
        List<String> items = t.items() == null || t.items().isEmpty() ? asked : t.items();
        for (String item : items) {
            if (!asked.contains(item)) {
                v.add(new Violation("items", "“" + item + "”不在所申请的信息项之内", "'" + item + "' was not asked for"));
            }
        }
        Route route = t.route() == null ? askedRoute : route(t.route());
        if (route == null) {
            v.add(ROUTE_VIOLATION);
        }
        LocalDate last = t.expiresOn() == null ? today.plusYears(1) : t.expiresOn();
        if (!last.isAfter(today) || last.isAfter(today.plusYears(MAX_GRANT_YEARS))) {
            v.add(new Violation("expiresOn", "授权截止日期应在今天之后、" + MAX_GRANT_YEARS + " 年之内", "the grant ends after today and within "
                    + MAX_GRANT_YEARS + " years"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "提供条件有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        return new Terms(t.conditions().strip(), List.copyOf(new LinkedHashSet<>(items)), route, last);
    }

    /** Issues the shared-data grant the terms describe to the using agency (Art. 24). */
    static Grant issue(GrantService grants, Case c, String agency, String purpose, String legalDuty, Terms t, String actor) {
        return grants.issue(new NewGrant(Grant.Kind.SHARE, agency, c.resource(), Set.copyOf(t.items()), Set.of(t.route()), purpose, legalDuty,
                t.last().plusDays(1).atStartOfDay(CHINA).toInstant(), t.conditions(), c.id()), actor);
    }

    /** A case the caller may see: staff of the agency that brought it, or whoever oversees the handling agency (Art. 23, 41). */
    static Case visible(PolicyEnforcementPoint pep, Subject s, Case c) {
        if (s.active() && s.agency() != null && s.agency().equals(c.subjectAgency())) {
            return c;
        }
        return CaseContent.visible(pep, s, c);
    }

    /** A case the caller's agency brought, for the using agency's steps (its data officers, Art. 23). */
    static Case own(PolicyEnforcementPoint pep, Subject s, Case c, Action action) {
        pep.enforce(AccessRequest.of(s, action, new Resource(c.resource(), c.handler(), null, null, null, true)));
        if (s.agency() == null || !s.agency().equals(c.subjectAgency())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "只有提出申请的单位可以进行此操作 (only the agency that brought the case may do this)");
        }
        return c;
    }

    static void require(String v, String field, String zh, String en) {
        if (blank(v) || v.length() > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, zh + " (" + en + ")", List.of(new Violation(field, zh + "（不超过 2000 字）",
                    en + " (at most 2000 characters)")));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
