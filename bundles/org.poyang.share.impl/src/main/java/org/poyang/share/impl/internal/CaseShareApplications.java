package org.poyang.share.impl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.ShareType;
import org.poyang.platform.casework.CaseContent;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
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
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.share.api.ShareAnswer;
import org.poyang.share.api.ShareApplication;
import org.poyang.share.api.ShareApplicationForm;
import org.poyang.share.api.ShareApplications;
import org.poyang.share.api.ShareTerms;

/**
 * Applications for conditionally shared data (有条件共享申请, Art. 23) as cases of type {@value #TYPE_NAME} on
 * the platform's case workflow, the same engine and working-day clock as applications for open data: the
 * providing agency answers within 10 working days of receipt, the day of receipt not counted; a request
 * for material pauses the clock. Approval issues a grant to the using agency bound to the items, route,
 * purpose and legal duty (Art. 24).
 */
@Component(service = ShareApplications.class)
public final class CaseShareApplications implements ShareApplications {

    static final String TYPE_NAME = "share.application";
    static final String SUBMITTED = "SUBMITTED";
    static final String MATERIAL_REQUESTED = "MATERIAL_REQUESTED";
    static final String APPROVED = "APPROVED";
    static final String REFUSED = "REFUSED";
    static final String WITHDRAWN = "WITHDRAWN";

    /** Art. 23: the providing agency answers within 10 working days of receipt; the clock pauses for material. */
    static final CaseType TYPE = new CaseType(TYPE_NAME, SUBMITTED, Map.of(
            SUBMITTED, Set.of(MATERIAL_REQUESTED, APPROVED, REFUSED, WITHDRAWN),
            MATERIAL_REQUESTED, Set.of(SUBMITTED, WITHDRAWN)), Set.of(MATERIAL_REQUESTED), 10);

    static final ProblemType UNCONDITIONAL = new ProblemType("share-unconditional", 409, "无条件共享数据无需申请，可直接获取",
            "Unconditionally shared data needs no application");
    static final ProblemType NOT_SHARED = new ProblemType("share-not-shared", 409, "不予共享数据须协商，不接受共享申请",
            "Data not shared is negotiated, not applied for");
    static final ProblemType PENDING = new ProblemType("share-application-pending", 409, "已有办理中的共享申请",
            "A sharing application is already pending");

    /** The case's JSON content. */
    record Data(String purpose, String legalDuty, List<String> items, Route route, String contact, String materialRequested,
            List<String> materials, ShareAnswer answer, String grant, String resourceName) {

        Data with(String materialRequested, List<String> materials, ShareAnswer answer, String grant) {
            return new Data(purpose, legalDuty, items, route, contact, materialRequested, materials, answer, grant, resourceName);
        }
    }

    private final CaseService cases;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;
    private final GrantService grants;
    private final AuditTrail audit;
    /** Guards "one pending application per using agency and resource" on this instance. */
    private final Object pendingCheck = new Object();

    @Activate
    public CaseShareApplications(@Reference CaseService cases, @Reference CatalogService catalog, @Reference PolicyEnforcementPoint pep,
            @Reference GrantService grants, @Reference AuditTrail audit) {
        this.cases = cases;
        this.catalog = catalog;
        this.pep = pep;
        this.grants = grants;
        this.audit = audit;
    }

    @Override
    public ShareApplication apply(Subject s, ShareApplicationForm form) {
        if (form == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少申请内容 (the application is empty)");
        }
        CatalogEntry e = Entries.find(catalog, form.resource(), "resource");
        pep.enforce(new AccessRequest(s, Action.SHARE_APPLY, Entries.resource(e), form.purpose(), null, ShareCases.route(form.route())));
        String code = e.code().value();
        if (e.shareType() == ShareType.UNCONDITIONAL) {
            throw new ProblemException(UNCONDITIONAL, code + " 为无条件共享数据，说明用途后直接调用 /api/collect/entries/" + code
                    + "/rows?route=share 或 /soap/share (unconditionally shared: call the API stating the purpose, Art. 23)");
        }
        if (e.shareType() == ShareType.NOT_SHARED) {
            throw new ProblemException(NOT_SHARED, code + " 属于不予共享类，请通过 /api/share/negotiations 与提供单位协商（第二十三条） (" + code
                    + " is not shared: open a negotiation with the provider, Art. 23)");
        }
        ShareCases.Checked f = ShareCases.check(s, form, e);
        Data d = new Data(f.purpose(), f.legalDuty(), f.items(), f.route(), f.contact(), null,
                f.material() == null ? List.of() : List.of(f.material()), null, null, e.name());
        Case c;
        synchronized (pendingCheck) {
            // one pending application per using agency and resource: the check and the opening go together
            for (Case pending : cases.find(new CaseQuery(TYPE_NAME, null, null, code, true, false, 0, 500))) {
                if (s.agency().equals(pending.subjectAgency())) {
                    throw new ProblemException(PENDING, "本单位对 " + code + " 的共享申请 " + pending.id() + " 尚在办理中 (your agency's application "
                            + pending.id() + " for " + code + " is still being handled)");
                }
            }
            c = cases.open(TYPE, new NewCase(s.id(), s.agency(), e.provider().value(), code, "申请共享 " + e.name(), CaseContent.write(d)), s.id());
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "share.apply", code, d.purpose(), null, AuditEvent.Outcome.SUCCESS,
                c.id() + " items " + d.items() + " route " + d.route() + " due " + c.deadline()));
        return view(c);
    }

    @Override
    public ShareApplication get(Subject s, String id) {
        return view(ShareCases.visible(pep, s, find(id)));
    }

    @Override
    public List<CaseEvent> history(Subject s, String id) {
        ShareCases.visible(pep, s, find(id));
        return cases.history(id);
    }

    @Override
    public List<ShareApplication> mine(Subject s) {
        if (s.anonymous() || s.agency() == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请以公共管理和服务机构的账户登录 (sign in with an agency account)");
        }
        return cases.find(new CaseQuery(TYPE_NAME, null, null, null, false, false, 0, 500, s.agency())).stream()
                .filter(c -> s.agency().equals(c.subjectAgency())).map(this::view).toList();
    }

    @Override
    public List<ShareApplication> handled(Subject s, String agency, boolean openOnly, boolean overdueOnly, int offset, int limit) {
        return CaseContent.handled(cases, pep, TYPE_NAME, s, agency, openOnly, overdueOnly, offset, limit).stream().map(this::view).toList();
    }

    @Override
    public ShareApplication requestMaterial(Subject s, String id, String what) {
        Case c = answerable(s, id);
        ShareCases.require(what, "material", "须说明需要补正的材料", "say what material is needed");
        Data d = read(c);
        return view(step(c, SUBMITTED, MATERIAL_REQUESTED, s, "请补正材料：" + what.strip(), d.with(what.strip(), d.materials(), null, null),
                "share.material.request"));
    }

    @Override
    public ShareApplication supplyMaterial(Subject s, String id, String material) {
        Case c = ShareCases.own(pep, s, find(id), Action.SHARE_APPLY);
        ShareCases.require(material, "material", "须提交补正材料", "supply the material");
        Data d = read(c);
        List<String> materials = new ArrayList<>(d.materials() == null ? List.of() : d.materials());
        materials.add(material.strip());
        return view(step(c, MATERIAL_REQUESTED, SUBMITTED, s, "已补正材料 (material supplied)", d.with(d.materialRequested(), materials, null,
                null), "share.material.supply"));
    }

    @Override
    public ShareApplication approve(Subject s, String id, ShareTerms terms) {
        Case c = answerable(s, id);
        Data d = read(c);
        ShareCases.Terms t = ShareCases.terms(terms, d.items(), d.route(), cases.today());
        if (!c.state().equals(SUBMITTED)) {
            throw wrongState(c, "批准");
        }
        Grant g = ShareCases.issue(grants, c, c.subjectAgency(), d.purpose(), d.legalDuty(), t, s.id());
        ShareAnswer answer = new ShareAnswer(true, t.conditions(), null, s.id(), cases.now());
        try {
            return view(step(c, SUBMITTED, APPROVED, s, "同意共享：" + t.conditions() + "；信息项 " + t.items() + "；授权 " + g.id() + "，至 " + t.last(),
                    d.with(d.materialRequested(), d.materials(), answer, g.id()), "share.approve"));
        } catch (RuntimeException ex) {
            grants.revoke(g.id(), "system", "申请未能批准（已被他人处理），撤销随之签发的授权 (the approval did not go through)");
            throw ex;
        }
    }

    @Override
    public ShareApplication refuse(Subject s, String id, String reasons) {
        Case c = answerable(s, id);
        ShareCases.require(reasons, "reasons", "不予共享须说明理由", "a refusal states its reasons");
        Data d = read(c);
        ShareAnswer answer = new ShareAnswer(false, null, reasons.strip(), s.id(), cases.now());
        return view(step(c, SUBMITTED, REFUSED, s, "不予共享：" + reasons.strip(), d.with(d.materialRequested(), d.materials(), answer, null),
                "share.refuse"));
    }

    @Override
    public ShareApplication withdraw(Subject s, String id, String reason) {
        Case c = ShareCases.own(pep, s, find(id), Action.SHARE_APPLY);
        if (c.closed()) {
            throw wrongState(c, "撤回");
        }
        return view(step(c, c.state(), WITHDRAWN, s, ShareCases.blank(reason) ? "使用单位撤回 (withdrawn)" : "使用单位撤回：" + reason.strip(), null,
                "share.withdraw"));
    }

    // ------------------------------------------------------------------ helpers

    private Case step(Case c, String from, String to, Subject s, String note, Data next, String action) {
        return CaseContent.step(cases, audit, TYPE, c, from, to, s, note, next, next == null ? null : next.grant(), action);
    }

    private static ProblemException wrongState(Case c, String what) {
        return new ProblemException(CaseContent.WRONG_STATE, "共享申请 " + c.id() + " 当前为 " + c.state() + "，不能" + what
                + " (the application is " + c.state() + ")");
    }

    /** A case the caller may answer: the providing agency's data officers (Art. 23). */
    private Case answerable(Subject s, String id) {
        Case c = find(id);
        pep.enforce(new AccessRequest(s, Action.APPLICATION_ANSWER, new Resource(c.resource(), c.handler(), null, null, null, true), null,
                null));
        return c;
    }

    private Case find(String id) {
        return CaseContent.find(cases, TYPE_NAME, id, "共享申请", "sharing application");
    }

    ShareApplication view(Case c) {
        Data d = CaseContent.read(c, Data.class);
        return new ShareApplication(c.id(), c.state(), c.resource(), d.resourceName(), c.handler(), c.subjectAgency(), c.subject(), d.purpose(),
                d.legalDuty(), d.items(), d.route(), d.contact(), c.receivedOn(), c.deadline(), c.paused(), c.daysLeft(), c.provisional(),
                c.overdue(), d.materialRequested(), d.materials() == null ? List.of() : d.materials(), d.answer(), d.grant(), c.openedAt(),
                c.closedAt());
    }

    private static Data read(Case c) {
        return CaseContent.read(c, Data.class);
    }
}
