package org.poyang.open.impl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.OpenType;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.RecordState;
import org.poyang.collect.api.Row;
import org.poyang.open.api.Objection;
import org.poyang.open.api.ObjectionForm;
import org.poyang.open.api.ObjectionResolution;
import org.poyang.open.api.Objections;
import org.poyang.platform.casework.CaseContent;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.CaseService;
import org.poyang.platform.workflow.CaseStateException;
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
 * Objections to open data (异议, Art. 19) as cases of type {@value #TYPE_NAME} on the case workflow:
 * the providing agency handles each within 10 working days of receipt. An objection about privacy or
 * personal information takes the record out of every read at once (下架), pending the decision; a
 * correction or deletion is delivered to aggregation as a batch of its own ({@code objection-<id>}), so
 * the record's earlier state stays in its history; the record comes back when the objection is upheld
 * against or withdrawn.
 */
@Component(service = Objections.class)
public final class CaseObjections implements Objections {

    static final String TYPE_NAME = "open.objection";
    static final String SUBMITTED = "SUBMITTED";
    static final String CORRECTED = "CORRECTED";
    static final String DELETED = "DELETED";
    static final String UPHELD = "UPHELD";
    static final String WITHDRAWN = "WITHDRAWN";

    /** Art. 19: handled and answered within 10 working days. */
    static final CaseType TYPE = new CaseType(TYPE_NAME, SUBMITTED, Map.of(SUBMITTED, Set.of(CORRECTED, DELETED, UPHELD, WITHDRAWN)), Set.of(),
            10);

    /** The case's JSON content. */
    record Data(String key, ObjectionForm.Kind kind, ObjectionForm.Request request, String description, Map<String, String> correction,
            String contact, boolean takenDown, String outcome, String handledBy, String batch) {
    }

    private final CaseService cases;
    private final CatalogService catalog;
    private final CollectService collect;
    private final PolicyEnforcementPoint pep;
    private final AuditTrail audit;

    @Activate
    public CaseObjections(@Reference CaseService cases, @Reference CatalogService catalog, @Reference CollectService collect,
            @Reference PolicyEnforcementPoint pep, @Reference AuditTrail audit) {
        this.cases = cases;
        this.catalog = catalog;
        this.collect = collect;
        this.pep = pep;
        this.audit = audit;
    }

    @Override
    public Objection file(Subject s, ObjectionForm form) {
        if (form == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少异议内容 (the objection is empty)");
        }
        CatalogEntry e = Entries.find(catalog, form.resource(), "resource");
        pep.enforce(new AccessRequest(s, Action.OBJECTION_FILE, Entries.resource(e), null, null));
        if (e.status() != EntryStatus.PUBLISHED || e.openType() == OpenType.NOT_OPEN) {
            throw new ProblemException(ProblemType.NOT_FOUND, "开放目录中没有 " + e.code().value() + " (" + e.code().value() + " is not in the open catalog)");
        }
        List<Violation> v = new ArrayList<>();
        if (form.kind() == null) {
            v.add(new Violation("kind", "须说明异议类型：错误、遗漏、商业秘密、保密商务信息、个人隐私或个人信息",
                    "say what is wrong: ERROR, OMISSION, TRADE_SECRET, CONFIDENTIAL_BUSINESS, PRIVACY or PERSONAL_INFORMATION"));
        }
        if (form.request() == null) {
            v.add(new Violation("request", "须说明请求：更正、删除或其他必要措施", "say what you ask for: CORRECT, DELETE or OTHER"));
        }
        if (blank(form.description()) || form.description().length() > 2000) {
            v.add(new Violation("description", "须说明异议理由（不超过 2000 字）", "describe the objection (at most 2000 characters)"));
        }
        if (blank(form.contact()) || form.contact().length() > 100) {
            v.add(new Violation("contact", "须填写联系电话或电子邮箱，以便反馈", "give a telephone number or e-mail address for the answer"));
        }
        boolean omission = form.kind() == ObjectionForm.Kind.OMISSION;
        if (blank(form.key()) && !omission) {
            v.add(new Violation("key", "须指明异议的记录（主键值，多个以“|”分隔）", "name the record (its key values separated by '|')"));
        }
        Map<String, String> correction = form.correction() == null ? Map.of() : new LinkedHashMap<>(form.correction());
        if (form.request() == ObjectionForm.Request.CORRECT && correction.isEmpty() && !omission) {
            v.add(new Violation("correction", "请求更正须给出正确的值", "a correction gives the right values"));
        }
        Set<String> items = new java.util.HashSet<>();
        e.items().forEach(i -> items.add(i.name()));
        for (String item : correction.keySet()) {
            if (!items.contains(item)) {
                v.add(new Violation("correction", "信息资源没有信息项“" + item + "”", "the resource has no item '" + item + "'"));
            }
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "异议有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        String key = blank(form.key()) ? null : form.key().strip();
        if (key != null && !collect.exists(e.code(), key)) {
            throw new ProblemException(ProblemType.NOT_FOUND, e.code().value() + " 中没有主键为“" + key + "”的记录 (no record with key '" + key
                    + "' in " + e.code().value() + ")");
        }
        boolean takeDown = key != null && form.kind().takesDown();
        Data d = new Data(key, form.kind(), form.request(), form.description().strip(), correction.isEmpty() ? null : correction,
                form.contact().strip(), takeDown, null, null, null);
        Case c = cases.open(TYPE, new NewCase(s.id(), s.agency(), e.provider().value(), e.code().value(), "异议 " + e.name(), write(d)), s.id());
        if (takeDown) {
            // Art. 19: personal information is taken out of every read at once, pending the decision
            collect.hide(e.code(), key, c.id(), "异议 " + c.id() + "（" + form.kind() + "）待处理，先行下架 (taken down pending objection " + c.id() + ")",
                    s.id());
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.objection", e.code().value(), null, null, AuditEvent.Outcome.SUCCESS,
                c.id() + " " + form.kind() + " " + form.request() + (takeDown ? ", record taken down" : "") + ", due " + c.deadline()));
        return view(c);
    }

    @Override
    public Objection get(Subject s, String id) {
        return view(visible(s, id));
    }

    @Override
    public List<CaseEvent> history(Subject s, String id) {
        visible(s, id);
        return cases.history(id);
    }

    @Override
    public List<Objection> mine(Subject s) {
        return CaseContent.mine(cases, TYPE_NAME, s).stream().map(this::view).toList();
    }

    @Override
    public List<Objection> handled(Subject s, String agency, boolean openOnly, boolean overdueOnly, int offset, int limit) {
        return CaseContent.handled(cases, pep, TYPE_NAME, s, agency, openOnly, overdueOnly, offset, limit).stream().map(this::view).toList();
    }

    @Override
    public Objection resolve(Subject s, String id, ObjectionResolution r) {
        Case c = find(id);
        pep.enforce(new AccessRequest(s, Action.APPLICATION_ANSWER, new Resource(c.resource(), c.handler(), null, null, null, true), null, null));
        if (r == null || r.result() == null || blank(r.text()) || r.text().length() > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须说明处理结果（CORRECTED、DELETED 或 UPHELD）和答复 (give the result and the answer)",
                    List.of(new Violation("text", "须写明处理情况和理由（不超过 2000 字）", "state what was done and why (at most 2000 characters)")));
        }
        if (c.closed()) {
            throw new ProblemException(CaseOpenApplications.WRONG_STATE, "异议 " + id + " 已处理完毕 (objection " + id + " is closed: " + c.state() + ")");
        }
        Data d = read(c);
        CatalogEntry e = Entries.find(catalog, c.resource(), "resource");
        String batch = null;
        if (r.result() != ObjectionResolution.Result.UPHELD) {
            if (d.key() == null) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "遗漏类异议未指明记录：请归集补充的数据后以 UPHELD 答复 (an omission names no record: "
                        + "deliver the missing data, then answer UPHELD)");
            }
            batch = "objection-" + id;
            BatchReport report = collect.deliver(new Delivery(e.code(), batch, List.of(row(e, d, r)), s.id()));
            if (report.status() == BatchReport.Status.REJECTED) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "更正后的记录未通过校验，未作任何修改 (the corrected record failed its checks; "
                        + "nothing changed): " + report.rejections());
            }
        }
        String to = switch (r.result()) {
            case CORRECTED -> CORRECTED;
            case DELETED -> DELETED;
            case UPHELD -> UPHELD;
        };
        Data next = new Data(d.key(), d.kind(), d.request(), d.description(), d.correction(), d.contact(), false, r.text().strip(), s.id(), batch);
        Case moved;
        try {
            moved = cases.move(TYPE, id, SUBMITTED, to, s.id(), r.text().strip(), write(next));
        } catch (CaseStateException ex) {
            throw CaseContent.refused(ex);
        }
        if (d.takenDown()) {
            // back in reads as corrected or as it was; a deleted record's takedown is released too, so that a
            // record delivered later with the same key is not hidden
            collect.unhide(e.code(), d.key(), id, "异议 " + id + " 已处理：" + to + " (objection handled)", s.id());
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.objection.resolve", c.resource(), null, null, AuditEvent.Outcome.SUCCESS,
                id + " -> " + to + (batch == null ? "" : " by batch " + batch)));
        return view(moved);
    }

    /** The row that corrects or deletes the record: its current values with the corrections, or its key. */
    private Row row(CatalogEntry e, Data d, ObjectionResolution r) {
        List<RecordState> states = collect.history(e.code(), d.key());
        RecordState current = states.isEmpty() ? null : states.get(states.size() - 1);
        if (current == null || current.op() == Row.Op.DELETE) {
            throw new ProblemException(ProblemType.CONFLICT, "记录已不存在 (the record no longer exists)");
        }
        if (r.result() == ObjectionResolution.Result.DELETED) {
            List<String> keyItems = collect.settings(e.code()).keyItems();
            Map<String, String> key = new LinkedHashMap<>();
            for (DataItem i : e.items()) {
                if (keyItems.isEmpty() || keyItems.contains(i.name())) {
                    key.put(i.name(), current.values().get(i.name()));
                }
            }
            return Row.delete(key);
        }
        Map<String, String> correction = r.correction() != null && !r.correction().isEmpty() ? r.correction() : d.correction();
        if (correction == null || correction.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "更正须给出正确的值 (a correction gives the right values)",
                    List.of(new Violation("correction", "须给出更正后的值", "give the corrected values")));
        }
        Map<String, String> values = new LinkedHashMap<>(current.values());
        for (Map.Entry<String, String> c : correction.entrySet()) {
            if (!values.containsKey(c.getKey()) && e.items().stream().noneMatch(i -> i.name().equals(c.getKey()))) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "信息资源没有信息项“" + c.getKey() + "” (no item '" + c.getKey() + "')");
            }
            values.put(c.getKey(), c.getValue());
        }
        return Row.upsert(values);
    }

    @Override
    public Objection withdraw(Subject s, String id, String reason) {
        Case c = find(id);
        if (s.kind() != Subject.Kind.ACCOUNT || !s.id().equals(c.subject())) {
            throw s.anonymous() ? new ProblemException(ProblemType.UNAUTHORIZED, "请先登录 (sign in first)")
                    : new ProblemException(ProblemType.FORBIDDEN, "只有异议人本人可以撤回异议 (only the objector may withdraw)");
        }
        Data d = read(c);
        Case moved;
        try {
            moved = cases.move(TYPE, id, SUBMITTED, WITHDRAWN, s.id(), blank(reason) ? "异议人撤回 (withdrawn)" : "异议人撤回：" + reason.strip(),
                    write(new Data(d.key(), d.kind(), d.request(), d.description(), d.correction(), d.contact(), false, null, null, null)));
        } catch (CaseStateException ex) {
            throw CaseContent.refused(ex);
        }
        if (d.takenDown()) {
            collect.unhide(Entries.find(catalog, c.resource(), "resource").code(), d.key(), id, "异议 " + id + " 已撤回 (objection withdrawn)", s.id());
        }
        return view(moved);
    }

    private Case visible(Subject s, String id) {
        return CaseContent.visible(pep, s, find(id));
    }

    private Case find(String id) {
        return CaseContent.find(cases, TYPE_NAME, id, "异议", "objection");
    }

    private Objection view(Case c) {
        Data d = read(c);
        return new Objection(c.id(), c.state(), c.resource(), c.handler(), d.key(), d.kind(), d.request(), d.description(), d.correction(),
                c.subject(), c.receivedOn(), c.deadline(), c.overdue(), d.takenDown(), d.outcome(), d.handledBy(), d.batch(), c.openedAt(),
                c.closedAt());
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
