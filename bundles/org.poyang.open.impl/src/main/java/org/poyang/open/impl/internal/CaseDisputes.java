package org.poyang.open.impl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.open.api.Dispute;
import org.poyang.open.api.Disputes;
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
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Subject;

/**
 * Disputes over the opening agency (开放主体争议, Art. 20) as cases of type {@value #TYPE_NAME}: the
 * parties negotiate (each note a step of the case); they record an agreement, or escalate; the
 * management department records the expert committee's opinion and only then decides. The clock runs 20
 * working days from when the dispute is recorded (the platform's default: the Measures set no period);
 * past it an open dispute is flagged overdue like any case.
 */
@Component(service = Disputes.class)
public final class CaseDisputes implements Disputes {

    static final String TYPE_NAME = "open.dispute";
    static final String NEGOTIATING = "NEGOTIATING";
    static final String AGREED = "AGREED";
    static final String ESCALATED = "ESCALATED";
    static final String OPINION_RECORDED = "OPINION_RECORDED";
    static final String DECIDED = "DECIDED";
    static final String WITHDRAWN = "WITHDRAWN";

    /** Art. 20: negotiation; escalation; the expert committee's opinion before the decision. */
    static final CaseType TYPE = new CaseType(TYPE_NAME, NEGOTIATING, Map.of(
            NEGOTIATING, Set.of(NEGOTIATING, AGREED, ESCALATED, WITHDRAWN),
            ESCALATED, Set.of(OPINION_RECORDED),
            OPINION_RECORDED, Set.of(DECIDED)), Set.of(), 20);

    /** The case's JSON content. */
    record Data(String subject, String claimant, String counterpart, String claim, List<String> notes, String opener, String opinion,
            String decision) {
    }

    private final CaseService cases;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;
    private final AuditTrail audit;

    @Activate
    public CaseDisputes(@Reference CaseService cases, @Reference CatalogService catalog, @Reference PolicyEnforcementPoint pep,
            @Reference AuditTrail audit) {
        this.cases = cases;
        this.catalog = catalog;
        this.pep = pep;
        this.audit = audit;
    }

    @Override
    public Dispute file(Subject s, Dispute.Form f) {
        pep.enforce(AccessRequest.of(s, Action.DISPUTE_FILE));
        if (f == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少争议内容 (the dispute is empty)");
        }
        List<Violation> v = new ArrayList<>();
        String resource = null;
        if (f.resource() != null && !f.resource().isBlank()) {
            resource = Entries.find(catalog, f.resource(), "resource").code().value();
        }
        if (blank(f.subject()) || f.subject().length() > 200) {
            v.add(new Violation("subject", "须说明争议的数据（不超过 200 字）", "say which data is in dispute (at most 200 characters)"));
        }
        if (blank(f.claim()) || f.claim().length() > 2000) {
            v.add(new Violation("claim", "须说明主张：应由哪个单位开放及理由", "state the claim: which agency should open the data, and why"));
        }
        String counterpart = null;
        try {
            counterpart = f.counterpart() == null ? null : CreditCode.parse(f.counterpart().strip()).value();
        } catch (InvalidIdentifierException e) {
            v.add(new Violation("counterpart", e.messageZh(), e.messageEn()));
        }
        if (counterpart == null && v.stream().noneMatch(x -> x.field().equals("counterpart"))) {
            v.add(new Violation("counterpart", "须填写争议另一方的统一社会信用代码", "give the other agency's credit code"));
        } else if (counterpart != null && counterpart.equals(s.agency())) {
            v.add(new Violation("counterpart", "争议另一方不能是本单位", "the other party cannot be your own agency"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "争议有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        Data d = new Data(f.subject().strip(), s.agency(), counterpart, f.claim().strip(), List.of(), null, null, null);
        Case c = cases.open(TYPE, new NewCase(s.id(), s.agency(), counterpart, resource, "开放主体争议 " + d.subject(), write(d)), s.id());
        audit.record(new AuditEvent(s.id(), s.agency(), "open.dispute", resource, null, null, AuditEvent.Outcome.SUCCESS,
                c.id() + " with " + counterpart));
        return view(c);
    }

    @Override
    public Dispute negotiate(Subject s, String id, Dispute.Step step) {
        Case c = asParty(s, id);
        String text = text(step);
        Data d = read(c);
        List<String> notes = new ArrayList<>(d.notes());
        notes.add(s.agency() + "（" + s.id() + "）：" + text);
        return view(step(c, NEGOTIATING, NEGOTIATING, s, text, new Data(d.subject(), d.claimant(), d.counterpart(), d.claim(), notes, null, null,
                null)));
    }

    @Override
    public Dispute agree(Subject s, String id, Dispute.Step step) {
        Case c = asParty(s, id);
        String text = text(step);
        Data d = read(c);
        String opener = opener(step, d);
        return view(step(c, NEGOTIATING, AGREED, s, "协商一致，由 " + opener + " 开放：" + text, new Data(d.subject(), d.claimant(), d.counterpart(),
                d.claim(), d.notes(), opener, null, null)));
    }

    @Override
    public Dispute escalate(Subject s, String id, Dispute.Step step) {
        Case c = asParty(s, id);
        String text = text(step);
        Data d = read(c);
        return view(step(c, NEGOTIATING, ESCALATED, s, "协商不成，提请公共数据管理部门处理：" + text, d));
    }

    @Override
    public Dispute recordOpinion(Subject s, String id, Dispute.Step step) {
        pep.enforce(AccessRequest.of(s, Action.DISPUTE_DECIDE));
        Case c = find(id);
        String text = text(step);
        Data d = read(c);
        return view(step(c, ESCALATED, OPINION_RECORDED, s, "专家委员会意见：" + text, new Data(d.subject(), d.claimant(), d.counterpart(), d.claim(),
                d.notes(), null, text, null)));
    }

    @Override
    public Dispute decide(Subject s, String id, Dispute.Step step) {
        pep.enforce(AccessRequest.of(s, Action.DISPUTE_DECIDE));
        Case c = find(id);
        String text = text(step);
        Data d = read(c);
        if (c.state().equals(ESCALATED)) {
            throw new ProblemException(CaseOpenApplications.WRONG_STATE, "须先征求并记录专家委员会意见，再作处理决定（第二十条） (record the expert "
                    + "committee's opinion before deciding; Art. 20)");
        }
        String opener = opener(step, d);
        return view(step(c, OPINION_RECORDED, DECIDED, s, "处理决定，由 " + opener + " 开放：" + text, new Data(d.subject(), d.claimant(),
                d.counterpart(), d.claim(), d.notes(), opener, d.opinion(), text)));
    }

    @Override
    public Dispute withdraw(Subject s, String id, Dispute.Step step) {
        Case c = asParty(s, id);
        Data d = read(c);
        if (!d.claimant().equals(s.agency())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "只有提出争议的单位可以撤回 (only the claimant withdraws)");
        }
        return view(step(c, NEGOTIATING, WITHDRAWN, s, step == null || blank(step.text()) ? "撤回 (withdrawn)" : step.text().strip(), d));
    }

    @Override
    public Dispute get(Subject s, String id) {
        return view(visible(s, id));
    }

    @Override
    public List<CaseEvent> history(Subject s, String id) {
        visible(s, id);
        return cases.history(id);
    }

    @Override
    public List<Dispute> list(Subject s, String agency, boolean openOnly, int offset, int limit) {
        pep.enforce(AccessRequest.of(s, Action.CASE_OVERSEE, new Resource(null, agency, null, null, null, true)));
        return cases.find(new CaseQuery(TYPE_NAME, null, null, null, openOnly, false, offset, limit, agency)).stream().map(this::view).toList();
    }

    // ------------------------------------------------------------------ helpers

    private Case step(Case c, String from, String to, Subject s, String note, Data next) {
        return CaseContent.step(cases, audit, TYPE, c, from, to, s, note, next, null, "open.dispute." + to.toLowerCase(java.util.Locale.ROOT));
    }

    /** A dispute the caller's agency is party to, for a party's steps. */
    private Case asParty(Subject s, String id) {
        pep.enforce(AccessRequest.of(s, Action.DISPUTE_FILE));
        Case c = find(id);
        Data d = read(c);
        if (!d.claimant().equals(s.agency()) && !d.counterpart().equals(s.agency())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "贵单位不是该争议的当事方 (your agency is not a party to this dispute)");
        }
        return c;
    }

    private Case visible(Subject s, String id) {
        Case c = find(id);
        Data d = read(c);
        if (s.agency() != null && (s.agency().equals(d.claimant()) || s.agency().equals(d.counterpart()))) {
            return c;
        }
        pep.enforce(AccessRequest.of(s, Action.CASE_OVERSEE, new Resource(c.resource(), null, null, null, null, true)));
        return c;
    }

    private static String opener(Dispute.Step step, Data d) {
        String opener = step == null || step.opener() == null ? "" : step.opener().strip();
        if (!opener.equals(d.claimant()) && !opener.equals(d.counterpart())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须指明由争议哪一方开放 (name the party that opens the data)",
                    List.of(new Violation("opener", "应为 " + d.claimant() + " 或 " + d.counterpart(), "one of " + d.claimant() + ", " + d.counterpart())));
        }
        return opener;
    }

    private static String text(Dispute.Step step) {
        if (step == null || blank(step.text()) || step.text().length() > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须写明内容（不超过 2000 字） (the text is required, at most 2000 characters)",
                    List.of(new Violation("text", "须写明内容", "the text is required")));
        }
        return step.text().strip();
    }

    private Case find(String id) {
        return CaseContent.find(cases, TYPE_NAME, id, "争议", "dispute");
    }

    private Dispute view(Case c) {
        Data d = read(c);
        return new Dispute(c.id(), c.state(), c.resource(), d.subject(), d.claimant(), d.counterpart(), d.claim(), d.notes(), d.opener(),
                d.opinion(), d.decision(), c.receivedOn(), c.deadline(), c.overdue(), c.openedAt(), c.closedAt());
    }

    private static Data read(Case c) {
        return CaseContent.read(c, Data.class);
    }

    private static String write(Data d) {
        return CaseContent.write(d);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
