package org.poyang.open.impl.internal;

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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.OpenType;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowSink;
import org.poyang.open.api.Application;
import org.poyang.open.api.OpenApplications;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.Decision;
import org.poyang.security.api.ItemClass;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;

/**
 * Open data for legacy systems over SOAP at {@code /soap/open} (WSDL at {@code ?wsdl}, contract
 * {@value #NAMESPACE}, published as {@code docs/wsdl/open-v1.wsdl}): what a dataset is, a page of its rows
 * (unconditionally open, or under the caller's grant, Art. 18), and where an application stands. The same
 * policy enforcement point, masking and audit as the REST API; refusals are SOAP faults carrying the REST
 * problem type. Callers authenticate with a WS-Security UsernameToken, or the HTTP headers of the REST API
 * (an application key in {@code X-Api-Key}); datasets and unconditionally open rows need none.
 */
@Component(service = OpenSoapService.class, property = Endpoints.SOAP_ADDRESS + "=/open")
@WebService(name = "OpenPort", serviceName = "OpenService", targetNamespace = OpenSoapService.NAMESPACE)
public class OpenSoapService {

    /** Target namespace of contract version 1; a breaking change gets a new namespace. */
    public static final String NAMESPACE = "urn:poyang:open:1";

    private final CatalogService catalog;
    private final CollectService collect;
    private final OpenApplications applications;
    private final Authenticator authenticator;
    private final PolicyEnforcementPoint pep;
    private final MaskingPolicy masking;

    /** Injected by the JAX-WS runtime per call. */
    @Resource
    private WebServiceContext context;

    @Activate
    public OpenSoapService(@Reference CatalogService catalog, @Reference CollectService collect, @Reference OpenApplications applications,
            @Reference Authenticator authenticator, @Reference PolicyEnforcementPoint pep, @Reference MaskingPolicy masking) {
        this.catalog = catalog;
        this.collect = collect;
        this.applications = applications;
        this.authenticator = authenticator;
        this.pep = pep;
        this.masking = masking;
    }

    /** An open dataset. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "dataset", namespace = NAMESPACE, propOrder = {"code", "name", "summary", "provider", "openType", "updateFrequency", "rows",
        "item"})
    public static class Dataset {
        @XmlElement(required = true) public String code;
        @XmlElement(required = true) public String name;
        public String summary;
        @XmlElement(required = true) public String provider;
        /** UNCONDITIONAL or CONDITIONAL (a grant is needed). */
        @XmlElement(required = true) public String openType;
        public String updateFrequency;
        public long rows;
        public List<String> item = new ArrayList<>();
    }

    /** One value. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "cell", namespace = NAMESPACE, propOrder = {"item", "value"})
    public static class Cell {
        @XmlElement(required = true) public String item;
        /** Absent for an empty cell. */
        public String value;
    }

    /** One row of a page. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "row", namespace = NAMESPACE, propOrder = {"cell"})
    public static class PageRow {
        public List<Cell> cell = new ArrayList<>();
    }

    /** A page of rows, masked for the caller. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "page", namespace = NAMESPACE, propOrder = {"total", "offset", "limit", "row"})
    public static class Page {
        public long total;
        public long offset;
        public long limit;
        public List<PageRow> row = new ArrayList<>();
    }

    /** Where an application stands. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "applicationStatus", namespace = NAMESPACE, propOrder = {"id", "state", "resource", "receivedOn", "deadline", "paused",
        "overdue", "materialRequested", "approved", "method", "time", "requirements", "reasons", "grant"})
    public static class ApplicationStatus {
        @XmlElement(required = true) public String id;
        /** SUBMITTED, MATERIAL_REQUESTED, APPROVED, REFUSED or WITHDRAWN. */
        @XmlElement(required = true) public String state;
        public String resource;
        public String receivedOn;
        public String deadline;
        public boolean paused;
        public boolean overdue;
        public String materialRequested;
        public Boolean approved;
        public String method;
        public String time;
        public String requirements;
        public String reasons;
        public String grant;
    }

    @WebMethod
    @WebResult(name = "dataset")
    public Dataset getDataset(@WebParam(name = "code") String code) {
        pep.enforce(AccessRequest.of(caller(), Action.OPEN_CATALOG_READ));
        CatalogEntry e = open(code);
        Dataset d = new Dataset();
        d.code = e.code().value();
        d.name = e.name();
        d.summary = e.summary();
        d.provider = e.provider().value();
        d.openType = e.openType().name();
        d.updateFrequency = e.updateFrequency() == null ? null : e.updateFrequency().name();
        d.rows = collect.count(e.code(), RowQuery.all());
        e.items().forEach(i -> d.item.add(i.name()));
        return d;
    }

    @WebMethod
    @WebResult(name = "page")
    public Page readRows(@WebParam(name = "code") String code, @WebParam(name = "grant") String grant, @WebParam(name = "offset") Long offset,
            @WebParam(name = "limit") Long limit) {
        Subject s = caller();
        CatalogEntry e = open(code);
        long from = offset == null ? 0 : offset;
        long n = limit == null ? 100 : limit;
        if (from < 0 || n < 1 || n > RowQuery.MAX_PAGE) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "分页参数无效 (invalid paging)",
                    List.of(new Violation("limit", "offset ≥ 0，limit 在 1 到 " + RowQuery.MAX_PAGE + " 之间", "offset >= 0 and limit from 1 to "
                            + RowQuery.MAX_PAGE)));
        }
        Decision d = pep.enforce(new AccessRequest(s, Action.OPEN_DATA_READ, Entries.resource(e), null, grant, Route.OPEN_API));
        List<ItemClass> classes = e.items().stream().map(i -> new ItemClass(i.name(), i.sensitiveType().name(), i.grade().toString(),
                d.items() != null && d.items().contains(i.name()))).toList();
        MaskingPolicy.MaskPlan plan = masking.plan(classes, s, Route.OPEN_API);
        RowQuery q = new RowQuery(Map.of(), from, n);
        Page page = new Page();
        page.offset = from;
        page.limit = n;
        collect.read(e.code(), q, new RowSink() {
            private List<String> names;

            @Override
            public void columns(List<Column> columns) {
                names = columns.stream().map(Column::name).toList();
            }

            @Override
            public void row(String[] values) throws IOException {
                String[] masked = plan.apply(values);
                PageRow r = new PageRow();
                for (int i = 0; i < masked.length; i++) {
                    if (d.covers(names.get(i))) {
                        Cell c = new Cell();
                        c.item = names.get(i);
                        c.value = masked[i];
                        r.cell.add(c);
                    }
                }
                page.row.add(r);
            }
        });
        page.total = collect.count(e.code(), q);
        return page;
    }

    @WebMethod
    @WebResult(name = "applicationStatus")
    public ApplicationStatus getApplication(@WebParam(name = "id") String id) {
        Application a = applications.get(caller(), id);
        ApplicationStatus st = new ApplicationStatus();
        st.id = a.id();
        st.state = a.state();
        st.resource = a.resource();
        st.receivedOn = a.receivedOn().toString();
        st.deadline = a.deadline().toString();
        st.paused = a.paused();
        st.overdue = a.overdue();
        st.materialRequested = a.materialRequested();
        if (a.answer() != null) {
            st.approved = a.answer().approved();
            st.method = a.answer().method();
            st.time = a.answer().time();
            st.requirements = a.answer().requirements();
            st.reasons = a.answer().reasons();
        }
        st.grant = a.grant();
        return st;
    }

    /** A published entry of the open catalog, or 404. */
    private CatalogEntry open(String code) {
        CatalogEntry e = Entries.find(catalog, code, "code");
        if (e.status() != EntryStatus.PUBLISHED || e.openType() == OpenType.NOT_OPEN) {
            throw new ProblemException(ProblemType.NOT_FOUND, "开放目录中没有 " + e.code().value() + " (" + e.code().value() + " is not in the open catalog)");
        }
        return e;
    }

    /** The subject WS-Security verified, else the HTTP headers' credentials; anonymous without any. */
    private Subject caller() {
        return authenticator.caller(context == null ? null : context.getMessageContext());
    }
}
