package org.poyang.share.impl.internal;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowMarker;
import org.poyang.collect.api.RowQuery;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.Decision;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.share.api.Negotiation;
import org.poyang.share.api.Negotiations;
import org.poyang.share.api.ShareApplication;
import org.poyang.share.api.ShareApplications;

/**
 * Shared data for legacy agency systems over SOAP at {@code /soap/share} (WSDL at {@code ?wsdl}, contract
 * {@value #NAMESPACE}, published as {@code docs/wsdl/share-v1.wsdl}): how an entry is shared, a page of its
 * rows, bulk retrieval as CSV chunks, and where an application, negotiation or grant stands. Callers
 * authenticate with a WS-Security UsernameToken (or the REST API's HTTP credentials); every read states its
 * purpose and, for conditional or coordinated data, its grant (Art. 23, 24). The same policy enforcement
 * point, masking, audit and fingerprint as the REST API; refusals are SOAP faults carrying the REST problem
 * type.
 */
@Component(service = ShareSoapService.class, property = Endpoints.SOAP_ADDRESS + "=/share")
@WebService(name = "SharePort", serviceName = "ShareService", targetNamespace = ShareSoapService.NAMESPACE)
public class ShareSoapService {

    /** Target namespace of contract version 1; a breaking change gets a new namespace. */
    public static final String NAMESPACE = "urn:poyang:share:1";
    /** Most rows in one bulk chunk. */
    public static final int MAX_CHUNK = 100_000;

    private final CatalogService catalog;
    private final CollectService collect;
    private final ShareApplications applications;
    private final Negotiations negotiations;
    private final GrantService grants;
    private final Authenticator authenticator;
    private final PolicyEnforcementPoint pep;
    private final MaskingPolicy masking;
    private final RowMarker marker;

    /** Injected by the JAX-WS runtime per call. */
    @Resource
    private WebServiceContext context;

    @Activate
    public ShareSoapService(@Reference CatalogService catalog, @Reference CollectService collect, @Reference ShareApplications applications,
            @Reference Negotiations negotiations, @Reference GrantService grants, @Reference Authenticator authenticator,
            @Reference PolicyEnforcementPoint pep, @Reference MaskingPolicy masking,
            @Reference(target = "(component.name=org.poyang.share.impl.internal.ShareLedger)") RowMarker marker) {
        this.catalog = catalog;
        this.collect = collect;
        this.applications = applications;
        this.negotiations = negotiations;
        this.grants = grants;
        this.authenticator = authenticator;
        this.pep = pep;
        this.masking = masking;
        this.marker = marker;
    }

    /** How an entry is shared. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "sharedEntry", namespace = NAMESPACE, propOrder = {"code", "name", "provider", "shareType", "shareConditions", "shareMethod",
        "legalBasis", "rows", "item"})
    public static class SharedEntry {
        @XmlElement(required = true) public String code;
        @XmlElement(required = true) public String name;
        @XmlElement(required = true) public String provider;
        /** UNCONDITIONAL, CONDITIONAL (a grant is needed) or NOT_SHARED (negotiated; a grant is needed). */
        @XmlElement(required = true) public String shareType;
        public String shareConditions;
        public String shareMethod;
        public String legalBasis;
        public long rows;
        public List<String> item = new ArrayList<>();
    }

    /** One row: its values in the order of the page's columns; an empty cell is an empty element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "row", namespace = NAMESPACE, propOrder = {"value"})
    public static class PageRow {
        @XmlElement(nillable = true) public List<String> value = new ArrayList<>();
    }

    /** A page of rows, masked for the caller and limited to the grant's items. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "page", namespace = NAMESPACE, propOrder = {"total", "offset", "limit", "column", "row"})
    public static class Page {
        public long total;
        public long offset;
        public long limit;
        public List<String> column = new ArrayList<>();
        public List<PageRow> row = new ArrayList<>();
    }

    /** A chunk of a bulk retrieval: CSV (UTF-8, header row first), and where the next chunk starts. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "chunk", namespace = NAMESPACE, propOrder = {"fileName", "offset", "rows", "total", "nextOffset", "csv"})
    public static class Chunk {
        @XmlElement(required = true) public String fileName;
        public long offset;
        public long rows;
        public long total;
        /** Absent after the last chunk. */
        public Long nextOffset;
        @XmlElement(required = true) public byte[] csv;
    }

    /** Where a case stands (an application or a negotiation). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "caseStatus", namespace = NAMESPACE, propOrder = {"id", "state", "resource", "receivedOn", "deadline", "paused", "overdue",
        "materialRequested", "provided", "conditions", "reasons", "grant"})
    public static class CaseStatus {
        @XmlElement(required = true) public String id;
        @XmlElement(required = true) public String state;
        public String resource;
        public String receivedOn;
        public String deadline;
        public boolean paused;
        public boolean overdue;
        public String materialRequested;
        public Boolean provided;
        public String conditions;
        public String reasons;
        public String grant;
    }

    /** A grant of shared data. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "grant", namespace = NAMESPACE, propOrder = {"id", "resource", "holder", "item", "route", "purpose", "legalDuty", "expiresAt",
        "conditions", "status"})
    public static class GrantInfo {
        @XmlElement(required = true) public String id;
        public String resource;
        public String holder;
        public List<String> item = new ArrayList<>();
        public List<String> route = new ArrayList<>();
        public String purpose;
        public String legalDuty;
        public String expiresAt;
        public String conditions;
        /** ACTIVE or REVOKED (an active grant past expiresAt is no longer valid). */
        public String status;
    }

    @WebMethod
    @WebResult(name = "sharedEntry")
    public SharedEntry getEntry(@WebParam(name = "code") String code) {
        pep.enforce(AccessRequest.of(caller(), Action.SHARE_CATALOG_READ));
        CatalogEntry e = published(code);
        SharedEntry d = new SharedEntry();
        d.code = e.code().value();
        d.name = e.name();
        d.provider = e.provider().value();
        d.shareType = e.shareType().name();
        d.shareConditions = e.shareConditions();
        d.shareMethod = e.shareMethod() == null ? null : e.shareMethod().name();
        d.legalBasis = e.legalBasis();
        d.rows = collect.count(e.code(), RowQuery.all());
        e.items().forEach(i -> d.item.add(i.name()));
        return d;
    }

    @WebMethod
    @WebResult(name = "page")
    public Page readRows(@WebParam(name = "code") String code, @WebParam(name = "purpose") String purpose, @WebParam(name = "grant") String grant,
            @WebParam(name = "offset") Long offset, @WebParam(name = "limit") Long limit) {
        Subject s = caller();
        CatalogEntry e = published(code);
        long from = offset == null ? 0 : offset;
        long n = limit == null ? 100 : limit;
        paging(from, n, RowQuery.MAX_PAGE);
        Decision d = SharedRows.permit(pep, s, e, purpose, grant, Route.SHARE_API);
        RowQuery q = new RowQuery(Map.of(), from, n);
        Page page = new Page();
        page.offset = from;
        page.limit = n;
        SharedRows.read(collect, masking, marker, s, e, d, Route.SHARE_API, purpose, grant, q, new SharedRows.Sink() {
            @Override
            public void columns(List<Column> columns) {
                columns.forEach(c -> page.column.add(c.name()));
            }

            @Override
            public void row(String[] values) {
                PageRow r = new PageRow();
                r.value.addAll(java.util.Arrays.asList(values));
                page.row.add(r);
            }
        });
        page.total = collect.count(e.code(), q);
        return page;
    }

    @WebMethod
    @WebResult(name = "chunk")
    public Chunk retrieve(@WebParam(name = "code") String code, @WebParam(name = "purpose") String purpose, @WebParam(name = "grant") String grant,
            @WebParam(name = "offset") Long offset, @WebParam(name = "limit") Long limit) {
        Subject s = caller();
        CatalogEntry e = published(code);
        long from = offset == null ? 0 : offset;
        long n = limit == null ? 10_000 : limit;
        paging(from, n, MAX_CHUNK);
        Decision d = SharedRows.permit(pep, s, e, purpose, grant, Route.SHARE_DOWNLOAD);
        RowQuery q = new RowQuery(Map.of(), from, n);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        Chunk chunk = new Chunk();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8); CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
            chunk.rows = SharedRows.read(collect, masking, marker, s, e, d, Route.SHARE_DOWNLOAD, purpose, grant, q, new SharedRows.Sink() {
                @Override
                public void columns(List<Column> columns) {
                    print(csv, columns.stream().map(Column::name).toArray());
                }

                @Override
                public void row(String[] values) {
                    print(csv, values);
                }
            });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        chunk.fileName = e.code().value().replace('/', '-') + "-" + from + ".csv";
        chunk.offset = from;
        chunk.total = collect.count(e.code(), RowQuery.all());
        chunk.nextOffset = from + chunk.rows < chunk.total && chunk.rows == n ? from + chunk.rows : null;
        chunk.csv = bytes.toByteArray();
        return chunk;
    }

    @WebMethod
    @WebResult(name = "caseStatus")
    public CaseStatus getApplication(@WebParam(name = "id") String id) {
        ShareApplication a = applications.get(caller(), id);
        CaseStatus st = new CaseStatus();
        st.id = a.id();
        st.state = a.state();
        st.resource = a.resource();
        st.receivedOn = a.receivedOn().toString();
        st.deadline = a.deadline().toString();
        st.paused = a.paused();
        st.overdue = a.overdue();
        st.materialRequested = a.materialRequested();
        if (a.answer() != null) {
            st.provided = a.answer().provide();
            st.conditions = a.answer().conditions();
            st.reasons = a.answer().reasons();
        }
        st.grant = a.grant();
        return st;
    }

    @WebMethod
    @WebResult(name = "caseStatus")
    public CaseStatus getNegotiation(@WebParam(name = "id") String id) {
        Negotiation n = negotiations.get(caller(), id);
        CaseStatus st = new CaseStatus();
        st.id = n.id();
        st.state = n.state();
        st.resource = n.resource();
        st.receivedOn = n.receivedOn().toString();
        st.deadline = n.deadline().toString();
        st.overdue = n.overdue();
        var answer = n.decision() != null ? n.decision() : n.reply();
        if (answer != null) {
            st.provided = answer.provide();
            st.conditions = answer.conditions();
            st.reasons = answer.reasons();
        }
        st.grant = n.grant();
        return st;
    }

    @WebMethod
    @WebResult(name = "grant")
    public GrantInfo getGrant(@WebParam(name = "id") String id) {
        Subject s = caller();
        Grant g = grants.get(id == null ? "" : id.strip()).filter(x -> x.kind() == Grant.Kind.SHARE)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有共享授权 " + id + " (no grant of shared data " + id + ")"));
        if (!(s.active() && g.holder().equals(s.agency()))) {
            pep.enforce(AccessRequest.of(s, Action.SHARE_TRACE, Entries.resource(Entries.find(catalog, g.resource(), "resource"))));
        }
        GrantInfo info = new GrantInfo();
        info.id = g.id();
        info.resource = g.resource();
        info.holder = g.holder();
        info.item.addAll(g.items().stream().sorted().toList());
        info.route.addAll(g.routes().stream().map(Route::name).sorted().toList());
        info.purpose = g.purpose();
        info.legalDuty = g.legalDuty();
        info.expiresAt = g.expiresAt().toString();
        info.conditions = g.conditions();
        info.status = g.status().name();
        return info;
    }

    // ------------------------------------------------------------------ helpers

    private static void print(CSVPrinter csv, Object[] values) {
        try {
            csv.printRecord(values);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void paging(long from, long n, long max) {
        if (from < 0 || n < 1 || n > max) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "分页参数无效 (invalid paging)",
                    List.of(new Violation("limit", "offset ≥ 0，limit 在 1 到 " + max + " 之间", "offset >= 0 and limit from 1 to " + max)));
        }
    }

    /** A published entry of the share catalog, or 404. */
    private CatalogEntry published(String code) {
        CatalogEntry e = Entries.find(catalog, code, "code");
        if (e.status() != EntryStatus.PUBLISHED) {
            throw new ProblemException(ProblemType.NOT_FOUND, "共享目录中没有 " + e.code().value() + " (" + e.code().value()
                    + " is not in the share catalog)");
        }
        return e;
    }

    /** The subject WS-Security verified, else the HTTP headers' credentials; anonymous without any. */
    private Subject caller() {
        return authenticator.caller(context == null ? null : context.getMessageContext());
    }
}
