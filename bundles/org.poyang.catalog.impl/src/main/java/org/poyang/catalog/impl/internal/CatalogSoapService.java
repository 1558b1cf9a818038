package org.poyang.catalog.impl.internal;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogAudience;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryVersion;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Subject;

/**
 * The catalog for legacy agency systems over SOAP at {@code /soap/catalog} (WSDL at {@code ?wsdl},
 * contract {@value #NAMESPACE}, published under {@code docs/wsdl/}): read an entry, search the open
 * or share catalog, list the versions since first publication. Only published entries are answered;
 * refusals are SOAP faults carrying the problem type, status and titles of the REST API.
 * <p>
 * Callers authenticate with a WS-Security UsernameToken (legacy systems) or the HTTP headers of the
 * REST API ({@code Authorization: Bearer ...} or an application key); the open catalog needs none,
 * the share catalog is for agencies (Art. 21), and the policy enforcement point decides each call.
 */
@Component(service = CatalogSoapService.class, property = Endpoints.SOAP_ADDRESS + "=/catalog")
@WebService(name = "CatalogPort", serviceName = "CatalogService", targetNamespace = CatalogSoapService.NAMESPACE)
public class CatalogSoapService {

    /** Target namespace of contract version 1; a breaking change gets a new namespace. */
    public static final String NAMESPACE = "urn:poyang:catalog:1";

    private final CatalogService catalog;
    private final Authenticator authenticator;
    private final PolicyEnforcementPoint pep;

    /** Injected by the JAX-WS runtime per call: the HTTP headers of the request. */
    @Resource
    private WebServiceContext context;

    @Activate
    public CatalogSoapService(@Reference CatalogService catalog, @Reference Authenticator authenticator,
            @Reference PolicyEnforcementPoint pep) {
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.pep = pep;
    }

    /**
     * The caller: the subject WS-Security verified, else the HTTP headers' credentials; anonymous
     * without any, a 401 fault with bad ones.
     */
    private Subject caller() {
        return authenticator.caller(context == null ? null : context.getMessageContext());
    }

    private void readable(CatalogEntry e) {
        pep.enforce(AccessRequest.of(caller(), EntryResource.readAction(e), EntryResource.resource(e)));
    }

    /** An entry as legacy systems read it. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "entry", namespace = NAMESPACE, propOrder = {"code", "name", "provider", "summary", "format", "shareType",
        "shareConditions", "shareMethod", "legalBasis", "openType", "openConditions", "updateFrequency", "publishedOn", "scope",
        "grade", "version", "keyword", "item"})
    public static class Entry {
        @XmlElement(required = true) public String code;
        @XmlElement(required = true) public String name;
        @XmlElement(required = true) public String provider;
        public String summary;
        public String format;
        @XmlElement(required = true) public String shareType;
        public String shareConditions;
        public String shareMethod;
        public String legalBasis;
        @XmlElement(required = true) public String openType;
        public String openConditions;
        public String updateFrequency;
        public String publishedOn;
        @XmlElement(required = true) public String scope;
        @XmlElement(required = true) public String grade;
        public int version;
        public List<String> keyword = new ArrayList<>();
        public List<Item> item = new ArrayList<>();
    }

    /** A data item. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "item", namespace = NAMESPACE, propOrder = {"name", "dataType", "length", "identifiesPerson", "sensitiveType",
        "grade", "collectingAgency"})
    public static class Item {
        @XmlElement(required = true) public String name;
        public String dataType;
        public Integer length;
        public boolean identifiesPerson;
        public String sensitiveType;
        public String grade;
        public String collectingAgency;
    }

    /** One page of search results. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "searchResult", namespace = NAMESPACE, propOrder = {"total", "hit"})
    public static class SearchResult {
        public long total;
        public List<Hit> hit = new ArrayList<>();
    }

    /** One search hit. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "hit", namespace = NAMESPACE, propOrder = {"code", "name", "provider", "providerName", "openType", "shareType",
        "grade", "updateFrequency"})
    public static class Hit {
        public String code;
        public String name;
        public String provider;
        public String providerName;
        public String openType;
        public String shareType;
        public String grade;
        public String updateFrequency;
    }

    /** One version. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "version", namespace = NAMESPACE, propOrder = {"number", "action", "actor", "reason", "at", "status"})
    public static class Version {
        public int number;
        public String action;
        public String actor;
        public String reason;
        public String at;
        public String status;
    }

    @WebMethod
    @WebResult(name = "entry")
    public Entry getEntry(@WebParam(name = "code") String code) {
        CatalogEntry e = catalog.get(code(code)).filter(CatalogEntry::inShareCatalog)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "目录中没有已发布的信息资源 " + code + " (no published entry)"));
        readable(e);
        return toEntry(e);
    }

    @WebMethod
    @WebResult(name = "result")
    public SearchResult search(@WebParam(name = "text") String text, @WebParam(name = "catalog") String catalogName,
            @WebParam(name = "offset") int offset, @WebParam(name = "limit") int limit) {
        Subject subject = caller();
        CatalogAudience audience = EntryResource.audience(catalogName, subject);
        pep.enforce(AccessRequest.of(subject, EntryResource.readAction(audience), null));
        List<Violation> bad = new ArrayList<>();
        if (offset < 0 || offset > CatalogQuery.MAX_OFFSET) {
            bad.add(new Violation("offset", "offset 应在 0 到 " + CatalogQuery.MAX_OFFSET + " 之间", "offset from 0 to " + CatalogQuery.MAX_OFFSET));
        }
        if (limit < 1 || limit > CatalogQuery.MAX_LIMIT) {
            bad.add(new Violation("limit", "limit 应在 1 到 " + CatalogQuery.MAX_LIMIT + " 之间", "limit from 1 to " + CatalogQuery.MAX_LIMIT));
        }
        if (text != null && text.length() > CatalogQuery.MAX_TEXT) {
            bad.add(new Violation("text", "检索词不得超过 " + CatalogQuery.MAX_TEXT + " 个字符", "text has at most " + CatalogQuery.MAX_TEXT + " characters"));
        }
        if (!bad.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "检索参数有 " + bad.size() + " 处无效 (" + bad.size()
                    + " invalid search parameter(s))", bad);
        }
        CatalogSearchResult r = catalog.search(new CatalogQuery(text, audience, Map.of(), offset, limit));
        SearchResult out = new SearchResult();
        out.total = r.total();
        for (CatalogSearchResult.Hit h : r.hits()) {
            Hit x = new Hit();
            x.code = h.code();
            x.name = h.name();
            x.provider = h.provider();
            x.providerName = h.providerName();
            x.openType = h.openType();
            x.shareType = h.shareType();
            x.grade = h.grade();
            x.updateFrequency = h.updateFrequency();
            out.hit.add(x);
        }
        return out;
    }

    @WebMethod
    @WebResult(name = "version")
    public List<Version> listVersions(@WebParam(name = "code") String code) {
        ResourceCode c = code(code);
        CatalogEntry entry = catalog.get(c).filter(CatalogEntry::inShareCatalog)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "目录中没有已发布的信息资源 " + code + " (no published entry)"));
        readable(entry);
        List<Version> out = new ArrayList<>();
        boolean published = false;
        for (EntryVersion v : catalog.versions(c)) {
            // the published history only: drafting and review are the agency's and the department's business
            published |= v.action() == EntryVersion.Action.PUBLISH;
            if (!published) {
                continue;
            }
            Version x = new Version();
            x.number = v.version();
            x.action = v.action().name();
            x.actor = v.actor();
            x.reason = v.reason();
            x.at = v.at().toString();
            x.status = v.entry().status().name();
            out.add(x);
        }
        return out;
    }

    private static ResourceCode code(String code) {
        try {
            return ResourceCode.parse(code);
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, e.getMessage(),
                    List.of(new Violation(e.field(), e.messageZh(), e.messageEn())));
        }
    }

    static Entry toEntry(CatalogEntry e) {
        Entry x = new Entry();
        x.code = e.code().value();
        x.name = e.name();
        x.provider = e.provider().value();
        x.summary = e.summary();
        x.format = e.format() == null ? null : e.format().name();
        x.shareType = e.shareType().name();
        x.shareConditions = e.shareConditions();
        x.shareMethod = e.shareMethod() == null ? null : e.shareMethod().name();
        x.legalBasis = e.legalBasis();
        x.openType = e.openType().name();
        x.openConditions = e.openConditions();
        x.updateFrequency = e.updateFrequency() == null ? null : e.updateFrequency().name();
        x.publishedOn = e.publishedOn() == null ? null : e.publishedOn().toString();
        x.scope = e.scope().value();
        x.grade = e.grade().code();
        x.version = e.version();
        x.keyword.addAll(e.keywords());
        for (DataItem i : e.items()) {
            Item y = new Item();
            y.name = i.name();
            y.dataType = i.dataType().name();
            y.length = i.length();
            y.identifiesPerson = i.identifiesPerson();
            y.sensitiveType = i.sensitiveType().name();
            y.grade = i.grade().code();
            y.collectingAgency = i.collectingAgency().value();
            x.item.add(y);
        }
        return x;
    }
}
