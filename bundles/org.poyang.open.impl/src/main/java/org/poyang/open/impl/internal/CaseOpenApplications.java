package org.poyang.open.impl.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.open.api.Answer;
import org.poyang.open.api.Applicant;
import org.poyang.open.api.Application;
import org.poyang.open.api.ApplicationForm;
import org.poyang.open.api.Approval;
import org.poyang.open.api.OpenApplications;
import org.poyang.platform.casework.CaseContent;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.CaseQuery;
import org.poyang.platform.workflow.CaseService;
import org.poyang.platform.workflow.CaseType;
import org.poyang.platform.workflow.NewCase;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.NewGrant;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;

/**
 * Applications for conditional open data (Art. 18) as cases of type {@value #TYPE_NAME} on the
 * platform's case workflow, which keeps the 10-working-day clock. The application's own content
 * (identity, use, items, route, material, answer, grant) is the case's JSON data.
 */
@Component(service = OpenApplications.class)
public final class CaseOpenApplications implements OpenApplications {

    static final String TYPE_NAME = "open.application";
    static final String SUBMITTED = "SUBMITTED";
    static final String MATERIAL_REQUESTED = "MATERIAL_REQUESTED";
    static final String APPROVED = "APPROVED";
    static final String REFUSED = "REFUSED";
    static final String WITHDRAWN = "WITHDRAWN";

    /** Art. 18: the providing agency answers within 10 working days of receipt; the clock pauses for material. */
    static final CaseType TYPE = new CaseType(TYPE_NAME, SUBMITTED, Map.of(
            SUBMITTED, Set.of(MATERIAL_REQUESTED, APPROVED, REFUSED, WITHDRAWN),
            MATERIAL_REQUESTED, Set.of(SUBMITTED, WITHDRAWN)), Set.of(MATERIAL_REQUESTED), 10);

    static final ProblemType UNCONDITIONAL = new ProblemType("open-unconditional", 409, "无条件开放数据无需申请，可直接获取",
            "Unconditionally open data needs no application");
    static final ProblemType NOT_OPEN = new ProblemType("open-not-open", 409, "该数据不予开放，不接受开放申请", "This data is not open");
    static final ProblemType PENDING = new ProblemType("application-pending", 409, "已有办理中的申请", "An application is already pending");
    static final ProblemType WRONG_STATE = CaseContent.WRONG_STATE;

    /** Longest a grant of open data may run. */
    static final int MAX_GRANT_YEARS = 3;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final ObjectMapper JSON = CaseContent.JSON;

    /** The case's JSON content. */
    record Data(SubjectType applicantType, Applicant identity, String purpose, List<String> items, Route route, String materialRequested,
            List<String> materials, Answer answer, String grant, String resourceName, String provider) {
    }

    private final CaseService cases;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;
    private final GrantService grants;
    private final AuditTrail audit;
    /** Guards "one pending application per applicant and resource" on this instance. */
    private final Object pendingCheck = new Object();

    @Activate
    public CaseOpenApplications(@Reference CaseService cases, @Reference CatalogService catalog, @Reference PolicyEnforcementPoint pep,
            @Reference GrantService grants, @Reference AuditTrail audit) {
        this.cases = cases;
        this.catalog = catalog;
        this.pep = pep;
        this.grants = grants;
        this.audit = audit;
    }

    @Override
    public Application apply(Subject s, ApplicationForm form) {
        if (form == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少申请内容 (the application is empty)");
        }
        CatalogEntry e = Entries.find(catalog, form.resource(), "resource");
        Route route = route(form.route());
        pep.enforce(new AccessRequest(s, Action.OPEN_APPLY, Entries.resource(e), form.purpose(), null, route));
        if (e.status() != EntryStatus.PUBLISHED) {
            throw new ProblemException(ProblemType.NOT_FOUND, "开放目录中没有 " + e.code().value() + " (" + e.code().value()
                    + " is not in the open catalog)");
        }
        String code = e.code().value();
        if (e.openType() == OpenType.NOT_OPEN) {
            throw new ProblemException(NOT_OPEN, code + " 属于不予开放类（第十七条），不能申请开放 (" + code + " is not open, Art. 17)");
        }
        if (e.openType() == OpenType.UNCONDITIONAL) {
            throw new ProblemException(UNCONDITIONAL, code + " 为无条件开放数据，请直接下载 /api/collect/entries/" + code
                    + "/export 或调用 /api/collect/entries/" + code + "/rows (unconditionally open: download or call the API directly, Art. 18)");
        }
        List<Violation> v = new ArrayList<>();
        Applicant a = form.applicant();
        if (a == null || blank(a.name())) {
            v.add(new Violation("applicant.name", "须填写申请人姓名或联系人姓名", "give the applicant's (or contact person's) name"));
        }
        if (s.type() == SubjectType.LEGAL_PERSON || s.type() == SubjectType.OTHER_ORGANISATION) {
            if (a == null || blank(a.organisation())) {
                v.add(new Violation("applicant.organisation", "法人和非法人组织须填写单位名称", "an organisation gives its name"));
            }
            if (a == null || blank(a.creditCode())) {
                v.add(new Violation("applicant.creditCode", "法人和非法人组织须填写统一社会信用代码", "an organisation gives its unified social credit code"));
            } else {
                try {
                    CreditCode.parse(a.creditCode().strip());
                } catch (InvalidIdentifierException ex) {
                    v.add(new Violation("applicant.creditCode", ex.messageZh(), ex.messageEn()));
                }
            }
        }
        if (a == null || blank(a.contact())) {
            v.add(new Violation("applicant.contact", "须填写联系电话或电子邮箱，以便答复", "give a telephone number or e-mail address for the answer"));
        }
        if (blank(form.purpose()) || form.purpose().strip().length() > 1000) {
            v.add(new Violation("purpose", "须说明数据用途（不超过 1000 字）", "state the intended use (at most 1000 characters)"));
        }
        Set<String> known = new LinkedHashSet<>();
        e.items().forEach(i -> known.add(i.name()));
        if (form.items() == null || form.items().isEmpty()) {
            v.add(new Violation("items", "须列出申请的信息项", "list the data items applied for"));
        } else {
            for (String item : form.items()) {
                if (item == null || !known.contains(item)) {
                    v.add(new Violation("items", "信息资源没有信息项“" + item + "”", "the resource has no item '" + item + "'"));
                }
            }
        }
        if (route == null) {
            v.add(ROUTE_VIOLATION);
        }
        if (form.material() != null && form.material().length() > 2000) {
            v.add(new Violation("material", "补充材料说明不超过 2000 字", "material is at most 2000 characters"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "申请有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        Applicant identity = new Applicant(a.name().strip(), trim(a.organisation()), a.creditCode() == null ? null : a.creditCode().strip(),
                a.contact().strip());
        List<String> materials = blank(form.material()) ? List.of() : List.of(form.material().strip());
        Data d = new Data(s.type(), identity, form.purpose().strip(), List.copyOf(new LinkedHashSet<>(form.items())), route, null,
                materials, null, null, e.name(), e.provider().value());
        Case c;
        synchronized (pendingCheck) {
            // one pending application per applicant and resource: the check and the opening go together
            for (Case pending : cases.find(new CaseQuery(TYPE_NAME, null, s.id(), code, true, false, 0, 1))) {
                throw new ProblemException(PENDING, "您对 " + code + " 的申请 " + pending.id() + " 尚在办理中 (your application " + pending.id()
                        + " for " + code + " is still being handled)");
            }
            c = cases.open(TYPE, new NewCase(s.id(), s.agency(), e.provider().value(), code, "申请开放 " + e.name(), write(d)), s.id());
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.apply", code, d.purpose(), null, AuditEvent.Outcome.SUCCESS,
                c.id() + " items " + d.items() + " route " + d.route() + " due " + c.deadline()));
        return view(c);
    }

    @Override
    public Application get(Subject s, String id) {
        return view(visible(s, id));
    }

    @Override
    public List<CaseEvent> history(Subject s, String id) {
        visible(s, id);
        return cases.history(id);
    }

    @Override
    public List<Application> mine(Subject s) {
        return CaseContent.mine(cases, TYPE_NAME, s).stream().map(this::view).toList();
    }

    @Override
    public List<Application> handled(Subject s, String agency, boolean openOnly, boolean overdueOnly, int offset, int limit) {
        return CaseContent.handled(cases, pep, TYPE_NAME, s, agency, openOnly, overdueOnly, offset, limit).stream().map(this::view).toList();
    }

    @Override
    public Application requestMaterial(Subject s, String id, String what) {
        Case c = answerable(s, id);
        require(what, "material", "须说明需要补正的材料", "say what material is needed");
        Data d = read(c);
        Data next = new Data(d.applicantType(), d.identity(), d.purpose(), d.items(), d.route(), what.strip(), d.materials(), null, null,
                d.resourceName(), d.provider());
        return view(step(c, SUBMITTED, MATERIAL_REQUESTED, s, "请补正材料：" + what.strip(), next, "open.material.request"));
    }

    @Override
    public Application supplyMaterial(Subject s, String id, String material) {
        Case c = own(s, id);
        require(material, "material", "须提交补正材料", "supply the material");
        if (material.length() > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "补正材料说明不超过 2000 字 (at most 2000 characters)");
        }
        Data d = read(c);
        List<String> materials = new ArrayList<>(d.materials() == null ? List.of() : d.materials());
        materials.add(material.strip());
        Data next = new Data(d.applicantType(), d.identity(), d.purpose(), d.items(), d.route(), d.materialRequested(), materials, null,
                null, d.resourceName(), d.provider());
        return view(step(c, MATERIAL_REQUESTED, SUBMITTED, s, "已补正材料 (material supplied)", next, "open.material.supply"));
    }

    @Override
    public Application approve(Subject s, String id, Approval a) {
        Case c = answerable(s, id);
        if (a == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少答复内容 (the approval is empty)");
        }
        Data d = read(c);
        List<Violation> v = new ArrayList<>();
        if (blank(a.method())) {
            v.add(new Violation("method", "须写明提供方式", "state the method of provision"));
        }
        if (blank(a.time())) {
            v.add(new Violation("time", "须写明提供时间", "state the time of provision"));
        }
        if (blank(a.requirements())) {
            v.add(new Violation("requirements", "须写明提供要求", "state the requirements of provision"));
        }
        List<String> items = a.items() == null || a.items().isEmpty() ? d.items() : a.items();
        for (String item : items) {
            if (!d.items().contains(item)) {
                v.add(new Violation("items", "“" + item + "”不在申请的信息项之内", "'" + item + "' was not applied for"));
            }
        }
        Route route = a.route() == null ? d.route() : route(a.route());
        if (route == null) {
            v.add(ROUTE_VIOLATION);
        }
        LocalDate today = cases.today();
        LocalDate last = a.expiresOn() == null ? today.plusYears(1) : a.expiresOn();
        if (!last.isAfter(today) || last.isAfter(today.plusYears(MAX_GRANT_YEARS))) {
            v.add(new Violation("expiresOn", "授权截止日期应在今天之后、" + MAX_GRANT_YEARS + " 年之内", "the grant ends after today and within "
                    + MAX_GRANT_YEARS + " years"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "答复有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        if (!c.state().equals(SUBMITTED)) {
            throw wrongState(c, "批准");
        }
        String requirements = a.requirements().strip() + (blank(a.conditions()) ? "" : "；" + a.conditions().strip());
        Grant g = grants.issue(new NewGrant(Grant.Kind.OPEN, c.subject(), c.resource(), Set.copyOf(items), Set.of(route), d.purpose(), null,
                last.plusDays(1).atStartOfDay(CHINA).toInstant(), requirements, c.id()), s.id());
        Answer answer = new Answer(true, a.method().strip(), a.time().strip(), requirements, null, s.id(), cases.now());
        Data next = new Data(d.applicantType(), d.identity(), d.purpose(), d.items(), d.route(), d.materialRequested(), d.materials(), answer,
                g.id(), d.resourceName(), d.provider());
        try {
            return view(step(c, SUBMITTED, APPROVED, s, "批准：" + answer.method() + "；" + answer.time() + "；" + requirements + "；授权 " + g.id(),
                    next, "open.approve"));
        } catch (RuntimeException ex) {
            grants.revoke(g.id(), "system", "申请未能批准（已被他人处理），撤销随之签发的授权 (the approval did not go through)");
            throw ex;
        }
    }

    @Override
    public Application refuse(Subject s, String id, String reasons) {
        Case c = answerable(s, id);
        require(reasons, "reasons", "不予提供须说明理由", "a refusal states its reasons");
        Data d = read(c);
        Answer answer = new Answer(false, null, null, null, reasons.strip(), s.id(), cases.now());
        Data next = new Data(d.applicantType(), d.identity(), d.purpose(), d.items(), d.route(), d.materialRequested(), d.materials(), answer,
                null, d.resourceName(), d.provider());
        return view(step(c, SUBMITTED, REFUSED, s, "不予提供：" + reasons.strip(), next, "open.refuse"));
    }

    @Override
    public Application withdraw(Subject s, String id, String reason) {
        Case c = own(s, id);
        if (c.closed()) {
            throw wrongState(c, "撤回");
        }
        return view(step(c, c.state(), WITHDRAWN, s, blank(reason) ? "申请人撤回 (withdrawn)" : "申请人撤回：" + reason.strip(), null, "open.withdraw"));
    }

    // ------------------------------------------------------------------ helpers

    private static final Violation ROUTE_VIOLATION = new Violation("route", "提供方式应为 OPEN_DOWNLOAD（下载）、OPEN_API（接口）或 MODEL_RESULT（模型结果）",
            "the route is OPEN_DOWNLOAD, OPEN_API or MODEL_RESULT");

    /** The open route named, or null when the name is none of the three. */
    static Route route(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "OPEN_DOWNLOAD", "DOWNLOAD" -> Route.OPEN_DOWNLOAD;
            case "OPEN_API", "API" -> Route.OPEN_API;
            case "MODEL_RESULT", "MODEL" -> Route.MODEL_RESULT;
            default -> null;
        };
    }

    private Case step(Case c, String from, String to, Subject s, String note, Data next, String action) {
        return CaseContent.step(cases, audit, TYPE, c, from, to, s, note, next, next == null ? null : next.grant(), action);
    }

    private static ProblemException wrongState(Case c, String what) {
        return new ProblemException(WRONG_STATE, "申请 " + c.id() + " 当前为 " + c.state() + "，不能" + what + " (the application is " + c.state() + ")");
    }

    /** A case the caller may see: the applicant's own, or one the caller oversees (Art. 18, 41). */
    private Case visible(Subject s, String id) {
        return CaseContent.visible(pep, s, find(id));
    }

    /** A case of the caller's own, for the applicant's steps. */
    private Case own(Subject s, String id) {
        Case c = find(id);
        if (s.kind() != Subject.Kind.ACCOUNT || !s.id().equals(c.subject())) {
            throw s.anonymous() ? new ProblemException(ProblemType.UNAUTHORIZED, "请先登录 (sign in first)")
                    : new ProblemException(ProblemType.FORBIDDEN, "只有申请人本人可以补正或撤回申请 (only the applicant may supply material or withdraw)");
        }
        return c;
    }

    /** A case the caller may answer: the providing agency's data officers (Art. 18). */
    private Case answerable(Subject s, String id) {
        Case c = find(id);
        pep.enforce(new AccessRequest(s, Action.APPLICATION_ANSWER, new Resource(c.resource(), c.handler(), null, null, null, true), null,
                null));
        return c;
    }

    private Case find(String id) {
        return CaseContent.find(cases, TYPE_NAME, id, "申请", "application");
    }



    Application view(Case c) {
        Data d = read(c);
        return new Application(c.id(), c.state(), c.resource(), d.resourceName(), c.handler(), c.subject(), d.applicantType(), d.identity(),
                d.purpose(), d.items(), d.route(), c.receivedOn(), c.deadline(), c.paused(), c.daysLeft(), c.provisional(), c.overdue(),
                d.materialRequested(), d.materials() == null ? List.of() : d.materials(), d.answer(), d.grant(), c.openedAt(), c.closedAt());
    }

    private static Data read(Case c) {
        return CaseContent.read(c, Data.class);
    }

    private static String write(Data d) {
        return CaseContent.write(d);
    }

    private static void require(String v, String field, String zh, String en) {
        if (blank(v) || v.length() > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, zh + " (" + en + ")", List.of(new Violation(field, zh + "（不超过 2000 字）",
                    en + " (at most 2000 characters)")));
        }
    }

    private static String trim(String s) {
        return blank(s) ? null : s.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
