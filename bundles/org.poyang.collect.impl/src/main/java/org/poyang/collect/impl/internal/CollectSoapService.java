package org.poyang.collect.impl.internal;

import jakarta.annotation.Resource;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.ws.WebServiceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.Row;
import org.poyang.collect.api.RowRejection;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Subject;

/**
 * Aggregation for legacy agency systems over SOAP at {@code /soap/collect} (WSDL at {@code ?wsdl},
 * contract {@value #NAMESPACE}, published under {@code docs/wsdl/}): push a batch of rows and read a
 * batch's report, with the same rules as the REST form (Art. 6, 10, 13). A batch rejected whole is
 * a SOAP fault carrying the problem type, status and titles of the REST API with the rows and
 * reasons.
 * <p>
 * Callers authenticate with a WS-Security UsernameToken (legacy systems) or the HTTP headers of the
 * REST API; delivering is for the providing agency's data officers and its systems (Art. 6, 10),
 * reading reports also for the management department and supervisors (Art. 13, 41).
 */
@Component(service = CollectSoapService.class, property = Endpoints.SOAP_ADDRESS + "=/collect")
@WebService(name = "CollectPort", serviceName = "CollectService", targetNamespace = CollectSoapService.NAMESPACE)
public class CollectSoapService {

    /** Target namespace of contract version 1; a breaking change gets a new namespace. */
    public static final String NAMESPACE = "urn:poyang:collect:1";

    private final CollectService collect;
    private final CatalogService catalog;
    private final Authenticator authenticator;
    private final PolicyEnforcementPoint pep;

    /** Injected by the JAX-WS runtime per call. */
    @Resource
    private WebServiceContext context;

    @Activate
    public CollectSoapService(@Reference CollectService collect, @Reference CatalogService catalog,
            @Reference Authenticator authenticator, @Reference PolicyEnforcementPoint pep) {
        this.collect = collect;
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.pep = pep;
    }

    /** One value of a row. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "cell", namespace = NAMESPACE, propOrder = {"item", "value"})
    public static class Cell {
        /** The data item's name (信息项名称). */
        @XmlElement(required = true) public String item;
        /** The value as text; absent for an empty cell. */
        public String value;
    }

    /** One row: upsert (the default) or delete by key. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "row", namespace = NAMESPACE, propOrder = {"op", "cell"})
    public static class DeliveredRow {
        /** {@code upsert} or {@code delete}; absent means upsert. */
        public String op;
        public List<Cell> cell = new ArrayList<>();
    }

    /** Why one row was rejected. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "rejection", namespace = NAMESPACE, propOrder = {"row", "item", "reasonZh", "reasonEn"})
    public static class Rejection {
        public int row;
        public String item;
        public String reasonZh;
        public String reasonEn;
    }

    /** What became of a batch. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "batchReport", namespace = NAMESPACE, propOrder = {"entry", "batchId", "status", "rows", "applied", "unchanged",
        "rejected", "completeness", "validity", "timely", "receivedAt", "actor", "replayed", "rejection"})
    public static class Report {
        @XmlElement(required = true) public String entry;
        @XmlElement(required = true) public String batchId;
        /** ACCEPTED, PARTIALLY_ACCEPTED or REJECTED. */
        @XmlElement(required = true) public String status;
        public int rows;
        public int applied;
        public int unchanged;
        public int rejected;
        public double completeness;
        public double validity;
        public boolean timely;
        public String receivedAt;
        public String actor;
        public boolean replayed;
        public List<Rejection> rejection = new ArrayList<>();
    }

    @WebMethod
    @WebResult(name = "batchReport")
    public Report deliverBatch(@WebParam(name = "entry") String entry, @WebParam(name = "batchId") String batchId,
            @WebParam(name = "row") List<DeliveredRow> rows) {
        Subject s = caller();
        CatalogEntry e = entry(entry);
        pep.enforce(new AccessRequest(s, Action.DATA_DELIVER, CollectResource.resource(e), null, null));
        if (batchId == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少批次号 (batchId required)");
        }
        List<Row> out = new ArrayList<>();
        int n = 0;
        for (DeliveredRow r : rows == null ? List.<DeliveredRow>of() : rows) {
            n++;
            if (out.size() == CollectResource.MAX_BATCH_ROWS) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "一个批次最多 " + CollectResource.MAX_BATCH_ROWS
                        + " 行，请分批发送 (at most " + CollectResource.MAX_BATCH_ROWS + " rows per batch: split the delivery)");
            }
            String op = r.op == null ? "upsert" : r.op.strip().toLowerCase(Locale.ROOT);
            if (!op.equals("upsert") && !op.equals("delete")) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "op 应为 upsert 或 delete (op must be upsert or delete)",
                        List.of(new Violation("row[" + n + "].op", "取值“" + r.op + "”无法识别", "unknown value '" + r.op + "'")));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Cell c : r.cell) {
                if (c.item == null || values.containsKey(c.item)) {
                    throw new ProblemException(ProblemType.VALIDATION_FAILED, "信息项缺失或重复 (item missing or repeated)",
                            List.of(new Violation("row[" + n + "].cell", "每个 cell 须有不重复的 item", "every cell needs an item, once per row")));
                }
                values.put(c.item, c.value);
            }
            out.add(new Row(op.equals("delete") ? Row.Op.DELETE : Row.Op.UPSERT, values));
        }
        return report(collect.deliver(new Delivery(e.code(), batchId, out, s.id())));
    }

    @WebMethod
    @WebResult(name = "batchReport")
    public Report getBatch(@WebParam(name = "entry") String entry, @WebParam(name = "batchId") String batchId) {
        CatalogEntry e = entry(entry);
        pep.enforce(AccessRequest.of(caller(), Action.COLLECT_MONITOR, CollectResource.resource(e)));
        return report(collect.batch(e.code(), batchId == null ? "" : batchId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有批次 " + batchId + " (no batch " + batchId + ")")));
    }

    private static Report report(BatchReport b) {
        Report r = new Report();
        r.entry = b.entry().value();
        r.batchId = b.batchId();
        r.status = b.status().name();
        r.rows = b.rows();
        r.applied = b.applied();
        r.unchanged = b.unchanged();
        r.rejected = b.rejected();
        r.completeness = b.quality().completeness();
        r.validity = b.quality().validity();
        r.timely = b.quality().timely();
        r.receivedAt = b.receivedAt().toString();
        r.actor = b.actor();
        r.replayed = b.replayed();
        for (RowRejection x : b.rejections()) {
            Rejection j = new Rejection();
            j.row = x.row();
            j.item = x.item();
            j.reasonZh = x.reasonZh();
            j.reasonEn = x.reasonEn();
            r.rejection.add(j);
        }
        return r;
    }

    private CatalogEntry entry(String code) {
        ResourceCode c;
        try {
            c = ResourceCode.parse(code);
        } catch (InvalidIdentifierException ex) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, ex.getMessage(), List.of(new Violation(ex.field(), ex.messageZh(), ex.messageEn())));
        }
        return catalog.get(c).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "信息资源 " + c.value() + " 不存在 (no catalog entry " + c.value() + ")"));
    }

    /** The subject WS-Security verified, else the HTTP headers' credentials; anonymous without any. */
    private Subject caller() {
        return authenticator.caller(context == null ? null : context.getMessageContext());
    }
}
