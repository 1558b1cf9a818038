package org.poyang.catalog.impl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.AgencyService;
import org.poyang.catalog.api.BaseDatabase;
import org.poyang.catalog.api.CatalogAudience;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.EntryVersion;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.Labelled;
import org.poyang.catalog.api.OpenBasis;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;

/**
 * REST view of the catalog at {@code /api/catalog/entries}: entries, lifecycle actions, versions and
 * differences, search with facets and export (bulk import is {@link ImportResource}). The rules live in
 * {@link CatalogService}.
 * <p>
 * Every call asks the policy enforcement point first, with the authenticated subject: anyone may
 * read the open catalog; agencies read the share catalog ({@code catalog=share}); an agency's data
 * officers edit and submit its own entries; catalog reviewers of the management department publish,
 * return and withdraw published entries; unpublished entries, versions and listings by state are
 * for the provider and the management department (Art. 6, 9, 17, 21).
 */
@Component(service = EntryResource.class, property = Endpoints.REST_ADDRESS + "=/catalog/entries")
@Path("/")
@Tag(name = "catalog", description = "公共数据资源目录 (public data resource catalog)")
@Produces(MediaType.APPLICATION_JSON)
public final class EntryResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";
    static final String JSON_LD = "application/ld+json";

    private final CatalogService catalog;
    private final AgencyService agencies;
    private final PolicyEnforcementPoint pep;

    @Activate
    public EntryResource(@Reference CatalogService catalog, @Reference AgencyService agencies, @Reference PolicyEnforcementPoint pep) {
        this.catalog = catalog;
        this.agencies = agencies;
        this.pep = pep;
    }

    /** The attributes of an entry the policy enforcement point decides on. */
    static Resource resource(CatalogEntry e) {
        return new Resource(e.code().value(), e.provider().value(), Resource.Open.valueOf(e.openType().name()),
                Resource.Share.valueOf(e.shareType().name()), e.grade() == null ? null : e.grade().toString(),
                e.status() == EntryStatus.PUBLISHED);
    }

    /** A resource that is only a providing agency: for drafts, listings and imports. */
    static Resource provider(String creditCode) {
        return new Resource(null, creditCode == null ? null : creditCode.strip(), null, null, null, false);
    }

    /** Reading an entry: the open catalog, the share catalog, or an unpublished entry. */
    static Action readAction(CatalogEntry e) {
        if (e.status() != EntryStatus.PUBLISHED) {
            return Action.UNPUBLISHED_ENTRY_READ;
        }
        return e.inOpenCatalog() ? Action.OPEN_CATALOG_READ : Action.SHARE_CATALOG_READ;
    }

    private CatalogEntry readable(Subject s, String cls, String seq) {
        CatalogEntry e = catalog.get(code(cls, seq)).orElseThrow(() -> notFound(cls + "/" + seq));
        pep.enforce(AccessRequest.of(s, readAction(e), resource(e)));
        return e;
    }

    /** Versions include drafts before review: the provider and the management department only. */
    private void historyReadable(Subject s, String cls, String seq) {
        CatalogEntry e = catalog.get(code(cls, seq)).orElseThrow(() -> notFound(cls + "/" + seq));
        pep.enforce(AccessRequest.of(s, Action.UNPUBLISHED_ENTRY_READ, resource(e)));
    }

    /** A change to an entry: the version it starts from, why, and the new content. */
    public record EntryChange(Integer expectedVersion, String reason, EntryDraft entry) {
    }

    /** A lifecycle action's reason. */
    public record ActionRequest(String reason) {
    }

    @GET
    @Operation(summary = "目录列表 (entries by provider and state, ordered by code)")
    public JsonNode list(@QueryParam("provider") String provider, @QueryParam("status") String status,
            @QueryParam("offset") String offsetParam, @QueryParam("limit") String limitParam, @Context SecurityContext security) {
        // a listing by state shows drafts: the provider's staff, or the management department for all providers
        pep.enforce(AccessRequest.of(Subject.of(security.getUserPrincipal()), Action.UNPUBLISHED_ENTRY_READ,
                provider(provider == null || provider.isBlank() ? null : provider)));
        CreditCode p = provider == null || provider.isBlank() ? null : identifier(() -> CreditCode.parse(provider));
        EntryStatus s = status == null || status.isBlank() ? null : term("status", EntryStatus.class, status);
        int offset = number("offset", offsetParam, 0, 0, Integer.MAX_VALUE - CatalogQuery.MAX_LIMIT);
        int limit = number("limit", limitParam, 50, 1, CatalogQuery.MAX_LIMIT);
        return EntryJson.tree(catalog.list(p, s, offset, limit));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "新建信息资源草稿 (create a draft entry; Art. 8, 9, 12, 17, 22)")
    public Response create(EntryDraft body, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        pep.enforce(AccessRequest.of(s, Action.CATALOG_EDIT, provider(body == null ? null : body.provider())));
        if (body == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "请求体不能为空 (a request body is required)");
        }
        CatalogEntry e = catalog.create(body, s.id());
        return Response.created(UriBuilder.fromPath("/api/catalog/entries/" + e.code().value()).build())
                .entity(EntryJson.tree(e)).build();
    }

    @GET
    @Path("{cls}/{seq}")
    @Operation(summary = "查询信息资源 (one entry, current version)")
    public Response get(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        CatalogEntry e = readable(Subject.of(security.getUserPrincipal()), cls, seq);
        return Response.ok(EntryJson.tree(e)).tag(Integer.toString(e.version())).build();
    }

    @PUT
    @Path("{cls}/{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "修改信息资源，生成新版本 (change an entry; a new version with who, when and why)")
    public JsonNode update(@PathParam("cls") String cls, @PathParam("seq") String seq, EntryChange body,
            @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry current = catalog.get(code(cls, seq)).orElseThrow(() -> notFound(cls + "/" + seq));
        pep.enforce(AccessRequest.of(s, Action.CATALOG_EDIT, resource(current)));
        if (body != null && body.entry() != null && body.entry().provider() != null
                && !body.entry().provider().strip().equals(current.provider().value())) {
            // handing an entry to another agency needs the right to catalog for that agency too
            pep.enforce(AccessRequest.of(s, Action.CATALOG_EDIT, provider(body.entry().provider())));
        }
        if (body == null || body.entry() == null || body.expectedVersion() == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须提供 expectedVersion 与 entry (expectedVersion and entry are required)",
                    List.of(new Violation("expectedVersion", "须注明基于哪个版本修改", "the version the edit starts from is required"),
                            new Violation("entry", "须提供修改后的信息资源", "the changed entry is required")));
        }
        return EntryJson.tree(catalog.update(code(cls, seq), body.entry(), body.expectedVersion(), s.id(), body.reason()));
    }

    @POST
    @Path("{cls}/{seq}/{action: submit|publish|return|withdraw}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "状态操作：提交、发布、退回、撤销 (lifecycle: submit, publish, return with reasons, withdraw)")
    public JsonNode act(@PathParam("cls") String cls, @PathParam("seq") String seq, @PathParam("action") String action,
            ActionRequest body, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        EntryVersion.Action a = EntryVersion.Action.valueOf(action.toUpperCase(Locale.ROOT));
        CatalogEntry current = catalog.get(code(cls, seq)).orElseThrow(() -> notFound(cls + "/" + seq));
        // the provider submits and withdraws its drafts; the management department publishes, returns
        // and withdraws what it published (Art. 9)
        boolean review = a == EntryVersion.Action.PUBLISH || a == EntryVersion.Action.RETURN
                || (a == EntryVersion.Action.WITHDRAW && current.status() == EntryStatus.PUBLISHED);
        pep.enforce(AccessRequest.of(s, review ? Action.CATALOG_REVIEW : Action.CATALOG_EDIT, resource(current)));
        return EntryJson.tree(catalog.transition(code(cls, seq), a, s.id(), body == null ? null : body.reason()));
    }

    @GET
    @Path("{cls}/{seq}/versions")
    @Operation(summary = "版本列表 (every version of an entry)")
    public JsonNode versions(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        historyReadable(Subject.of(security.getUserPrincipal()), cls, seq);
        List<EntryVersion> all = catalog.versions(code(cls, seq));
        if (all.isEmpty()) {
            throw notFound(cls + "/" + seq);
        }
        ArrayNode out = EntryJson.MAPPER.createArrayNode();
        for (EntryVersion v : all) {
            ObjectNode n = out.addObject();
            n.put("version", v.version());
            n.put("action", v.action().name());
            n.put("actionZh", v.action().labelZh());
            n.put("actor", v.actor());
            n.put("reason", v.reason());
            n.put("at", v.at().toString());
            n.put("status", v.entry().status().name());
        }
        return out;
    }

    @GET
    @Path("{cls}/{seq}/versions/{version}")
    @Operation(summary = "读取某一版本 (one version of an entry)")
    public JsonNode version(@PathParam("cls") String cls, @PathParam("seq") String seq, @PathParam("version") String versionParam,
            @Context SecurityContext security) {
        historyReadable(Subject.of(security.getUserPrincipal()), cls, seq);
        int version = number("version", versionParam, 0, 1, Integer.MAX_VALUE);
        EntryVersion v = catalog.version(code(cls, seq), version)
                .orElseThrow(() -> notFound(cls + "/" + seq + " 版本 " + version));
        ObjectNode n = EntryJson.MAPPER.createObjectNode();
        n.put("version", v.version());
        n.put("action", v.action().name());
        n.put("actor", v.actor());
        n.put("reason", v.reason());
        n.put("at", v.at().toString());
        n.set("entry", EntryJson.tree(v.entry()));
        return n;
    }

    @GET
    @Path("{cls}/{seq}/diff")
    @Operation(summary = "比较两个版本 (fields that differ between two versions)")
    public JsonNode diff(@PathParam("cls") String cls, @PathParam("seq") String seq, @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam, @Context SecurityContext security) {
        historyReadable(Subject.of(security.getUserPrincipal()), cls, seq);
        int from = number("from", required("from", fromParam), 0, 1, Integer.MAX_VALUE);
        int to = number("to", required("to", toParam), 0, 1, Integer.MAX_VALUE);
        ObjectNode n = EntryJson.MAPPER.createObjectNode();
        n.put("code", cls + "/" + seq);
        n.put("from", from);
        n.put("to", to);
        n.set("differences", EntryJson.tree(catalog.diff(code(cls, seq), from, to)));
        return n;
    }

    @GET
    @Path("search")
    @Operation(summary = "目录检索（中文分词全文检索与分面统计）(Chinese full-text search with facets; Art. 17, 22)")
    public CatalogSearchResult search(@QueryParam("q") String q, @QueryParam("catalog") String catalogName,
            @QueryParam("offset") String offsetParam, @QueryParam("limit") String limitParam, @Context UriInfo uri,
            @Context SecurityContext security) {
        Subject subject = Subject.of(security.getUserPrincipal());
        CatalogAudience audience = audience(catalogName, subject);
        pep.enforce(AccessRequest.of(subject, readAction(audience), null));
        int offset = number("offset", offsetParam, 0, 0, CatalogQuery.MAX_OFFSET);
        int limit = number("limit", limitParam, 20, 1, CatalogQuery.MAX_LIMIT);
        if (q != null && q.length() > CatalogQuery.MAX_TEXT) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "检索词过长 (query too long)",
                    List.of(new Violation("q", "检索词不得超过 " + CatalogQuery.MAX_TEXT + " 个字符",
                            "the query has at most " + CatalogQuery.MAX_TEXT + " characters")));
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String facet : CatalogQuery.FACETS) {
            List<String> values = uri.getQueryParameters().get(facet);
            if (values != null && !values.isEmpty()) {
                if (values.size() > CatalogQuery.MAX_FILTER_VALUES) {
                    throw new ProblemException(ProblemType.VALIDATION_FAILED, "筛选值过多 (too many filter values)",
                            List.of(new Violation(facet, "每个分面最多 " + CatalogQuery.MAX_FILTER_VALUES + " 个筛选值",
                                    "at most " + CatalogQuery.MAX_FILTER_VALUES + " values per facet")));
                }
                filters.put(facet, values);
            }
        }
        return catalog.search(new CatalogQuery(q, audience, filters, offset, limit));
    }

    @GET
    @Path("vocabularies")
    @Operation(summary = "目录取值表（中英文标签）(every enumerated catalog term with its Chinese and English label)")
    public JsonNode vocabularies() {
        ObjectNode out = EntryJson.MAPPER.createObjectNode();
        vocabulary(out, "shareType", ShareType.class);
        vocabulary(out, "shareMethod", ShareMethod.class);
        vocabulary(out, "openType", OpenType.class);
        vocabulary(out, "openBasis", OpenBasis.class);
        vocabulary(out, "updateFrequency", UpdateFrequency.class);
        vocabulary(out, "format", ResourceFormat.class);
        vocabulary(out, "dataType", DataType.class);
        vocabulary(out, "sensitiveType", SensitiveType.class);
        vocabulary(out, "baseDatabase", BaseDatabase.class);
        vocabulary(out, "priorityCategory", PriorityCategory.class);
        vocabulary(out, "status", EntryStatus.class);
        return out;
    }

    private static <E extends Enum<E> & Labelled> void vocabulary(ObjectNode out, String name, Class<E> type) {
        ArrayNode a = out.putArray(name);
        for (E e : type.getEnumConstants()) {
            a.addObject().put("code", e.name()).put("labelZh", e.labelZh()).put("labelEn", e.labelEn());
        }
    }

    @GET
    @Path("export")
    @Produces({CSV, XLSX, JSON_LD})
    @Operation(summary = "导出目录：CSV、XLSX 或 DCAT-AP 3 JSON-LD (export the open or share catalog)")
    public Response export(@QueryParam("format") @DefaultValue("csv") String format,
            @QueryParam("catalog") String catalogName, @Context UriInfo uri,
            @Context SecurityContext security) {
        Subject subject = Subject.of(security.getUserPrincipal());
        CatalogAudience audience = audience(catalogName, subject);
        pep.enforce(AccessRequest.of(subject, readAction(audience), null));
        Iterable<CatalogEntry> entries = exportable(audience);
        // one lookup per provider, not per exported entry
        java.util.Map<CreditCode, String> names = new java.util.HashMap<>();
        java.util.function.Function<CreditCode, String> agencyName = code -> names.computeIfAbsent(code, this::agencyName);
        String base = uri.getBaseUri().toString().replaceAll("/api/catalog/entries/?$", "");
        StreamingOutput body;
        String type;
        String file;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> {
                body = out -> CatalogExchange.writeCsv(entries, agencyName, out);
                type = CSV + "; charset=UTF-8";
                file = "catalog.csv";
            }
            case "xlsx" -> {
                body = out -> CatalogExchange.writeXlsx(entries, agencyName, out);
                type = XLSX;
                file = "catalog.xlsx";
            }
            case "dcat", "jsonld", "json-ld" -> {
                body = out -> CatalogExchange.writeDcat(entries, agencyName, base, out);
                type = JSON_LD + "; charset=UTF-8";
                file = "catalog.jsonld";
            }
            default -> throw new ProblemException(ProblemType.VALIDATION_FAILED, "不支持的导出格式 (unsupported export format)",
                    List.of(new Violation("format", "导出格式应为 csv、xlsx 或 dcat", "format must be csv, xlsx or dcat")));
        }
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /**
     * Published entries the audience may see, in code order, read from the database a page at a time
     * while the response is written, so an export's memory does not grow with the catalog.
     */
    private Iterable<CatalogEntry> exportable(CatalogAudience audience) {
        return () -> new java.util.Iterator<>() {
            private int offset;
            private java.util.Iterator<CatalogEntry> page = java.util.Collections.emptyIterator();
            private boolean last;
            private CatalogEntry next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (page.hasNext()) {
                        CatalogEntry e = page.next();
                        if (audience != CatalogAudience.PUBLIC || e.inOpenCatalog()) {
                            next = e;
                        }
                    } else if (last) {
                        return false;
                    } else {
                        List<CatalogEntry> p = catalog.list(null, EntryStatus.PUBLISHED, offset, CatalogQuery.MAX_LIMIT);
                        offset += p.size();
                        last = p.size() < CatalogQuery.MAX_LIMIT;
                        page = p.iterator();
                    }
                }
                return true;
            }

            @Override
            public CatalogEntry next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                CatalogEntry e = next;
                next = null;
                return e;
            }
        };
    }

    private String agencyName(CreditCode code) {
        return agencies.find(code).map(Agency::name).orElse("");
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, name + " 不能为空 (" + name + " is required)",
                    List.of(new Violation(name, "须提供 " + name, name + " is required")));
        }
        return value;
    }

    /** A whole-number parameter between {@code min} and {@code max}, or 422 naming it. */
    static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED, name + " 应为 " + min + " 到 " + max + " 之间的整数 ("
                + name + " must be a whole number from " + min + " to " + max + ")",
                List.of(new Violation(name, "应为 " + min + " 到 " + max + " 之间的整数", "a whole number from " + min + " to " + max)));
    }

    static Action readAction(CatalogAudience audience) {
        return audience == CatalogAudience.PUBLIC ? Action.OPEN_CATALOG_READ : Action.SHARE_CATALOG_READ;
    }

    /**
     * The catalog asked for, or, without {@code catalog=}, the one for who is asking (Art. 17, 21):
     * the share catalog for agency and management department staff, the open catalog for everyone else.
     */
    static CatalogAudience audience(String name, Subject subject) {
        if (name == null || name.isBlank()) {
            return subject.type() == SubjectType.AGENCY_STAFF || subject.type() == SubjectType.MANAGEMENT_STAFF
                    ? CatalogAudience.AGENCY : CatalogAudience.PUBLIC;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> CatalogAudience.PUBLIC;
            case "share" -> CatalogAudience.AGENCY;
            default -> throw new ProblemException(ProblemType.VALIDATION_FAILED, "catalog 应为 open（开放目录）或 share（共享目录）",
                    List.of(new Violation("catalog", "catalog 应为 open（开放目录）或 share（共享目录）",
                            "catalog is open (open catalog) or share (share catalog)")));
        };
    }

    private static ResourceCode code(String cls, String seq) {
        return identifier(() -> ResourceCode.parse(cls + "/" + seq));
    }

    private static <E extends Enum<E> & Labelled> E term(String field, Class<E> type, String value) {
        return Labelled.parse(type, value).orElseThrow(() -> new ProblemException(ProblemType.VALIDATION_FAILED,
                field + " 取值无法识别 (unknown value)", List.of(new Violation(field, "取值“" + value + "”无法识别", "unknown value '" + value + "'"))));
    }

    private static ProblemException notFound(String code) {
        return new ProblemException(ProblemType.NOT_FOUND, "信息资源 " + code + " 不存在 (no such catalog entry)");
    }

    private static <T> T identifier(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, e.getMessage(),
                    List.of(new Violation(e.field(), e.messageZh(), e.messageEn())));
        }
    }
}
