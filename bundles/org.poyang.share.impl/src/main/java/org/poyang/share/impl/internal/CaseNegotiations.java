package org.poyang.share.impl.internal;

import java.util.Comparator;
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
import org.poyang.share.api.Negotiation;
import org.poyang.share.api.Negotiations;
import org.poyang.share.api.ShareAnswer;
import org.poyang.share.api.ShareApplicationForm;
import org.poyang.share.api.ShareTerms;

/**
 * Negotiations over data not shared (不予共享数据的协商与协调, Art. 23) as cases of type {@value #TYPE_NAME}: the
 * using agency states the legal duty that needs the data; the provider agrees on terms or declines with
 * reasons; failing agreement the using agency escalates and the management department records its
 * coordination decision. Agreement or a decision to provide issues a grant (Art. 24). The Measures set no
 * period: the platform's default is 20 working days from opening, past which the case is flagged overdue.
 */
@Component(service = Negotiations.class)
public final class CaseNegotiations implements Negotiations {

    static final String TYPE_NAME = "share.negotiation";
    static final String NEGOTIATING = "NEGOTIATING";
    static final String DECLINED = "DECLINED";
    static final String ESCALATED = "ESCALATED";
    static final String AGREED = "AGREED";
    static final String COORDINATED = "COORDINATED";
    static final String WITHDRAWN = "WITHDRAWN";

    /** Art. 23: negotiation first; coordination by the management department only when it fails. */
    static final CaseType TYPE = new CaseType(TYPE_NAME, NEGOTIATING, Map.of(
            NEGOTIATING, Set.of(AGREED, DECLINED, ESCALATED, WITHDRAWN),
            DECLINED, Set.of(ESCALATED, WITHDRAWN),
            ESCALATED, Set.of(COORDINATED)), Set.of(), 20);

    static final ProblemType APPLY_INSTEAD = new ProblemType("share-conditional", 409, "有条件共享数据请提交共享申请",
            "Conditionally shared data is applied for");
    static final ProblemType PENDING = new ProblemType("share-negotiation-pending", 409, "已有进行中的协商", "A negotiation is already under way");

    /** The case's JSON content. */
    record Data(String purpose, String legalDuty, List<String> items, Route route, String contact, String material, ShareAnswer reply,
            String escalation, ShareAnswer decision, String grant, String resourceName) {
    }

    private final CaseService cases;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;
    private final GrantService grants;
    private final AuditTrail audit;
    private final Object pendingCheck = new Object();

    @Activate
    public CaseNegotiations(@Reference CaseService cases, @Reference CatalogService catalog, @Reference PolicyEnforcementPoint pep,
            @Reference GrantService grants, @Reference AuditTrail audit) {
        this.cases = cases;
        this.catalog = catalog;
        this.pep = pep;
        this.grants = grants;
        this.audit = audit;
    }

    @Override
    public Negotiation open(Subject s, ShareApplicationForm form) {
        if (form == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少协商内容 (the negotiation is empty)");
        }
        CatalogEntry e = Entries.find(catalog, form.resource(), "resource");
        pep.enforce(new AccessRequest(s, Action.SHARE_NEGOTIATE, Entries.resource(e), form.purpose(), null, ShareCases.route(form.route())));
        String code = e.code().value();
        if (e.shareType() == ShareType.UNCONDITIONAL) {
            throw new ProblemException(CaseShareApplications.UNCONDITIONAL, code + " 为无条件共享数据，说明用途后直接调用即可 (" + code
                    + " is unconditionally shared: call it stating the purpose, Art. 23)");
        }
        if (e.shareType() == ShareType.CONDITIONAL) {
            throw new ProblemException(APPLY_INSTEAD, code + " 为有条件共享数据，请通过 /api/share/applications 提交申请 (" + code
                    + " is conditionally shared: apply, Art. 23)");
        }
        ShareCases.Checked f = ShareCases.check(s, form, e);
        Data d = new Data(f.purpose(), f.legalDuty(), f.items(), f.route(), f.contact(), f.material(), null, null, null, null, e.name());
        Case c;
        synchronized (pendingCheck) {
            for (Case pending : cases.find(new CaseQuery(TYPE_NAME, null, null, code, true, false, 0, 500))) {
                if (s.agency().equals(pending.subjectAgency())) {
                    throw new ProblemException(PENDING, "本单位就 " + code + " 的协商 " + pending.id() + " 尚在进行中 (your agency's negotiation "
                            + pending.id() + " over " + code + " is under way)");
                }
            }
            c = cases.open(TYPE, new NewCase(s.id(), s.agency(), e.provider().value(), code, "协商共享 " + e.name(), CaseContent.write(d)), s.id());
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "share.negotiate", code, d.purpose(), null, AuditEvent.Outcome.SUCCESS,
                c.id() + " with " + c.handler() + " items " + d.items()));
        return view(c);
    }

    @Override
    public Negotiation get(Subject s, String id) {
        return view(visible(s, find(id)));
    }

    @Override
    public List<CaseEvent> history(Subject s, String id) {
        visible(s, find(id));
        return cases.history(id);
    }

    @Override
    public List<Negotiation> mine(Subject s) {
        if (s.anonymous() || s.agency() == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请以公共管理和服务机构的账户登录 (sign in with an agency account)");
        }
        return cases.find(new CaseQuery(TYPE_NAME, null, null, null, false, false, 0, 500, s.agency())).stream().map(this::view).toList();
    }

    @Override
    public List<Negotiation> all(Subject s, boolean escalatedOnly, int offset, int limit) {
        List<Negotiation> all = CaseContent.handled(cases, pep, TYPE_NAME, s, null, escalatedOnly, false, offset, limit).stream()
                .map(this::view).filter(n -> !escalatedOnly || n.state().equals(ESCALATED)).toList();
        return all.stream().sorted(Comparator.comparing((Negotiation n) -> !n.state().equals(ESCALATED))).toList();
    }

    @Override
    public Negotiation agree(Subject s, String id, ShareTerms terms) {
        Case c = provider(s, id);
        Data d = read(c);
        ShareCases.Terms t = ShareCases.terms(terms, d.items(), d.route(), cases.today());
        if (!c.state().equals(NEGOTIATING)) {
            throw wrongState(c, "同意提供");
        }
        Grant g = ShareCases.issue(grants, c, c.subjectAgency(), d.purpose(), d.legalDuty(), t, s.id());
        ShareAnswer reply = new ShareAnswer(true, t.conditions(), null, s.id(), cases.now());
        Data next = new Data(d.purpose(), d.legalDuty(), d.items(), d.route(), d.contact(), d.material(), reply, null, null, g.id(),
                d.resourceName());
        try {
            return view(step(c, NEGOTIATING, AGREED, s, "协商一致，同意提供：" + t.conditions() + "；授权 " + g.id(), next, "share.agree"));
        } catch (RuntimeException ex) {
            grants.revoke(g.id(), "system", "协商结果未能记录（已被他人处理），撤销随之签发的授权 (the agreement did not go through)");
            throw ex;
        }
    }

    @Override
    public Negotiation decline(Subject s, String id, String reasons) {
        Case c = provider(s, id);
        ShareCases.require(reasons, "reasons", "不同意提供须说明理由", "a refusal states its reasons");
        Data d = read(c);
        Data next = new Data(d.purpose(), d.legalDuty(), d.items(), d.route(), d.contact(), d.material(),
                new ShareAnswer(false, null, reasons.strip(), s.id(), cases.now()), null, null, null, d.resourceName());
        return view(step(c, NEGOTIATING, DECLINED, s, "提供单位不同意提供：" + reasons.strip(), next, "share.decline"));
    }

    @Override
    public Negotiation escalate(Subject s, String id, String reason) {
        Case c = ShareCases.own(pep, s, find(id), Action.SHARE_NEGOTIATE);
        ShareCases.require(reason, "reason", "须说明提请协调的理由", "say why coordination is needed");
        Data d = read(c);
        Data next = new Data(d.purpose(), d.legalDuty(), d.items(), d.route(), d.contact(), d.material(), d.reply(), reason.strip(), null, null,
                d.resourceName());
        String from = c.state().equals(DECLINED) ? DECLINED : NEGOTIATING;
        return view(step(c, from, ESCALATED, s, "协商不成，提请公共数据主管部门协调：" + reason.strip(), next, "share.escalate"));
    }

    @Override
    public Negotiation coordinate(Subject s, String id, boolean provide, String reasons, ShareTerms terms) {
        Case c = find(id);
        pep.enforce(AccessRequest.of(s, Action.SHARE_COORDINATE, new Resource(c.resource(), c.handler(), null, null, null, true)));
        ShareCases.require(reasons, "reasons", "协调决定须说明理由", "a coordination decision states its reasons");
        Data d = read(c);
        ShareCases.Terms t = provide ? ShareCases.terms(terms, d.items(), d.route(), cases.today()) : null;
        if (!c.state().equals(ESCALATED)) {
            throw wrongState(c, "作出协调决定");
        }
        Grant g = provide ? ShareCases.issue(grants, c, c.subjectAgency(), d.purpose(), d.legalDuty(), t, s.id()) : null;
        ShareAnswer decision = new ShareAnswer(provide, provide ? t.conditions() : null, reasons.strip(), s.id(), cases.now());
        Data next = new Data(d.purpose(), d.legalDuty(), d.items(), d.route(), d.contact(), d.material(), d.reply(), d.escalation(), decision,
                g == null ? null : g.id(), d.resourceName());
        try {
            return view(step(c, ESCALATED, COORDINATED, s, (provide ? "协调决定：提供（授权 " + g.id() + "）：" : "协调决定：不提供：") + reasons.strip(),
                    next, "share.coordinate"));
        } catch (RuntimeException ex) {
            if (g != null) {
                grants.revoke(g.id(), "system", "协调决定未能记录（已被他人处理），撤销随之签发的授权 (the decision did not go through)");
            }
            throw ex;
        }
    }

    @Override
    public Negotiation withdraw(Subject s, String id, String reason) {
        Case c = ShareCases.own(pep, s, find(id), Action.SHARE_NEGOTIATE);
        if (!c.state().equals(NEGOTIATING) && !c.state().equals(DECLINED)) {
            throw wrongState(c, "撤回");
        }
        return view(step(c, c.state(), WITHDRAWN, s, ShareCases.blank(reason) ? "使用单位撤回 (withdrawn)" : "使用单位撤回：" + reason.strip(), null,
                "share.negotiation.withdraw"));
    }

    // ------------------------------------------------------------------ helpers

    /** A case the caller may see: staff of either party, or whoever oversees the provider's cases. */
    private Case visible(Subject s, Case c) {
        return ShareCases.visible(pep, s, c);
    }

    /** The provider's data officers take the provider's steps. */
    private Case provider(Subject s, String id) {
        Case c = find(id);
        pep.enforce(AccessRequest.of(s, Action.SHARE_NEGOTIATE, new Resource(c.resource(), c.handler(), null, null, null, true)));
        if (!c.handler().equals(s.agency())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "只有提供单位可以答复协商 (only the providing agency answers a negotiation)");
        }
        return c;
    }

    private Case step(Case c, String from, String to, Subject s, String note, Data next, String action) {
        return CaseContent.step(cases, audit, TYPE, c, from, to, s, note, next, next == null ? null : next.grant(), action);
    }

    private static ProblemException wrongState(Case c, String what) {
        return new ProblemException(CaseContent.WRONG_STATE, "协商 " + c.id() + " 当前为 " + c.state() + "，不能" + what + " (the negotiation is "
                + c.state() + ")");
    }

    private Case find(String id) {
        return CaseContent.find(cases, TYPE_NAME, id, "协商", "negotiation");
    }

    Negotiation view(Case c) {
        Data d = read(c);
        return new Negotiation(c.id(), c.state(), c.resource(), d.resourceName(), c.handler(), c.subjectAgency(), c.subject(), d.purpose(),
                d.legalDuty(), d.items(), d.route(), c.receivedOn(), c.deadline(), c.overdue(), d.reply(), d.escalation(), d.decision(), d.grant(),
                c.openedAt(), c.closedAt());
    }

    private static Data read(Case c) {
        return CaseContent.read(c, Data.class);
    }
}
