package org.poyang.share.impl.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogAudience;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.ShareType;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Freshness;
import org.poyang.platform.casework.CaseContent;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Role;
import org.poyang.security.api.Subject;
import org.poyang.share.api.Negotiation;
import org.poyang.share.api.Negotiations;
import org.poyang.share.api.ShareApplication;
import org.poyang.share.api.ShareApplicationForm;
import org.poyang.share.api.ShareApplications;
import org.poyang.share.api.ShareTerms;
import org.poyang.share.api.ShareUsage;
import org.poyang.share.api.UsageLine;

/**
 * Data sharing between agencies at {@code /api/share} (共享管理, Art. 21-24): the share catalog, how each
 * entry is shared and obtained, applications for conditionally shared data on the 10-working-day clock,
 * negotiations and coordination over data not shared, and the grants in use with their usage (the trace of a
 * leaked file is {@link TraceResource}, at its own address for its larger request limit). Shared rows themselves are read at
 * {@code /api/collect/entries/{code}/rows?route=share} and {@code /export?route=share}, or over SOAP at
 * {@code /soap/share}: every way out goes through the same policy enforcement point and fingerprint.
 */
@Component(service = ShareResource.class, property = Endpoints.REST_ADDRESS + "=/share")
@Path("/")
@Tag(name = "share", description = "公共数据共享 (data sharing between agencies: applications, negotiations, grants, usage, tracing)")
@Produces(MediaType.APPLICATION_JSON)
public final class ShareResource {

    static final String APPLY_EXAMPLE = "{\"resource\": \"101003/000042\", \"purpose\": \"最低生活保障资格核验\", "
            + "\"legalDuty\": \"《社会救助暂行办法》第十一条：县级人民政府民政部门对申请人的家庭收入、财产状况进行调查核实\", "
            + "\"items\": [\"户主姓名\", \"补助金额\"], \"route\": \"SHARE_API\", \"contact\": \"李四 0791-86000000\", \"material\": \"核验工作方案\"}";
    static final String TERMS_EXAMPLE = "{\"conditions\": \"仅用于低保资格核验，不得向第三方提供，核验后 30 日内删除\", \"items\": [\"户主姓名\", \"补助金额\"], "
            + "\"route\": \"SHARE_API\", \"expiresOn\": \"2027-12-31\"}";

    private final ShareApplications applications;
    private final Negotiations negotiations;
    private final ShareUsage usage;
    private final CatalogService catalog;
    private final CollectService collect;
    private final GrantService grants;
    private final PolicyEnforcementPoint pep;

    @Activate
    public ShareResource(@Reference ShareApplications applications, @Reference Negotiations negotiations, @Reference ShareUsage usage,
            @Reference CatalogService catalog, @Reference CollectService collect, @Reference GrantService grants,
            @Reference PolicyEnforcementPoint pep) {
        this.applications = applications;
        this.negotiations = negotiations;
        this.usage = usage;
        this.catalog = catalog;
        this.collect = collect;
        this.grants = grants;
        this.pep = pep;
    }

    // ------------------------------------------------------------------ the share catalog

    @GET
    @Path("catalog")
    @Operation(summary = "共享目录检索 (search the share catalog)", description = "Agencies only (Art. 21, 23). q: words; shareType: "
            + "UNCONDITIONAL, CONDITIONAL or NOT_SHARED; provider: a credit code; offset, limit (at most 200).")
    public CatalogSearchResult search(@QueryParam("q") String q, @QueryParam("shareType") List<String> shareType,
            @QueryParam("provider") List<String> provider, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("20") int limit, @Context SecurityContext security) {
        pep.enforce(AccessRequest.of(Subject.of(security.getUserPrincipal()), Action.SHARE_CATALOG_READ));
        if (offset < 0 || offset > CatalogQuery.MAX_OFFSET || limit < 1 || limit > CatalogQuery.MAX_LIMIT
                || (q != null && q.length() > CatalogQuery.MAX_TEXT)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "检索参数无效 (invalid search)", List.of(new Violation("limit",
                    "offset 在 0 到 10000 之间，limit 在 1 到 200 之间，检索词不超过 100 字", "offset 0-10000, limit 1-200, q at most 100 characters")));
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (shareType != null && !shareType.isEmpty()) {
            for (String t : shareType) {
                try {
                    ShareType.valueOf(t);
                } catch (IllegalArgumentException ex) {
                    throw new ProblemException(ProblemType.VALIDATION_FAILED, "共享类型无法识别 (unknown share type)", List.of(new Violation("shareType",
                            "取值“" + t + "”应为 UNCONDITIONAL、CONDITIONAL 或 NOT_SHARED", "'" + t + "': UNCONDITIONAL, CONDITIONAL or NOT_SHARED")));
                }
            }
            filters.put("shareType", shareType);
        }
        if (provider != null && !provider.isEmpty()) {
            filters.put("provider", provider);
        }
        return catalog.search(new CatalogQuery(q, CatalogAudience.AGENCY, filters, offset, limit));
    }

    /** How an entry is shared and how to get it (Art. 22, 23). */
    public record ShareEntry(String code, String name, String summary, String provider, String shareType, String shareTypeZh,
            String shareConditions, String shareMethod, String legalBasis, String updateFrequency, Instant lastUpdate, long rows,
            List<String> items, Map<String, String> links) {
    }

    @GET
    @Path("entries/{cls}/{seq}")
    @Operation(summary = "共享信息资源及获取方式 (a shared resource and how to obtain it)", description = "Share type, conditions, method and legal "
            + "basis; links to read rows (every call states purpose, and grant for conditional or coordinated data), to apply or to "
            + "negotiate.")
    public ShareEntry entry(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        pep.enforce(AccessRequest.of(Subject.of(security.getUserPrincipal()), Action.SHARE_CATALOG_READ));
        CatalogEntry e = Entries.find(catalog, cls + "/" + seq, "code");
        if (e.status() != EntryStatus.PUBLISHED) {
            throw new ProblemException(ProblemType.NOT_FOUND, "共享目录中没有 " + e.code().value() + " (" + e.code().value()
                    + " is not in the share catalog)");
        }
        String code = e.code().value();
        String grant = e.shareType() == ShareType.UNCONDITIONAL ? "" : "&grant={grant}";
        Map<String, String> links = new LinkedHashMap<>();
        links.put("rows", "/api/collect/entries/" + code + "/rows?route=share&purpose={purpose}" + grant + "&offset=0&limit=100");
        links.put("csv", "/api/collect/entries/" + code + "/export?route=share&format=csv&purpose={purpose}" + grant);
        links.put("json", "/api/collect/entries/" + code + "/export?route=share&format=json&purpose={purpose}" + grant);
        links.put("soap", "/soap/share?wsdl");
        if (e.shareType() == ShareType.CONDITIONAL) {
            links.put("apply", "/api/share/applications");
        } else if (e.shareType() == ShareType.NOT_SHARED) {
            links.put("negotiate", "/api/share/negotiations");
        }
        Freshness f = collect.freshness(e.code(), Instant.now());
        return new ShareEntry(code, e.name(), e.summary(), e.provider().value(), e.shareType().name(), e.shareType().labelZh(),
                e.shareConditions(), e.shareMethod() == null ? null : e.shareMethod().name(), e.legalBasis(),
                e.updateFrequency() == null ? null : e.updateFrequency().name(), f.lastDelivery(), f.rows(),
                e.items().stream().map(i -> i.name()).toList(), links);
    }

    // ------------------------------------------------------------------ applications (conditional sharing)

    /** A text sent with a step: material, reasons. */
    public record Note(String text) {
    }

    @POST
    @Path("applications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "申请有条件共享数据 (apply for conditionally shared data)", description = "Purpose, the legal duty served (required, "
            + "Art. 24), items, route (SHARE_API or SHARE_DOWNLOAD) and a contact. The providing agency answers within 10 working days "
            + "of receipt, the day of receipt not counted (Art. 23). 409 share-unconditional: call directly; 409 share-not-shared: "
            + "negotiate instead.")
    public Response apply(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "application",
            value = APPLY_EXAMPLE))) ShareApplicationForm form, @Context SecurityContext security) {
        ShareApplication a = applications.apply(Subject.of(security.getUserPrincipal()), form);
        return Response.created(URI.create("/api/share/applications/" + a.id())).entity(a).build();
    }

    @GET
    @Path("applications")
    @Operation(summary = "共享申请列表 (sharing applications)", description = "Without agency: the caller's agency's own. With agency (a credit "
            + "code, or * for all): the applications that agency must answer, for its staff, the management department and supervisors; "
            + "state=open, overdue=true.")
    public List<ShareApplication> applications(@QueryParam("agency") String agency, @QueryParam("state") String state,
            @QueryParam("overdue") @DefaultValue("false") boolean overdue, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        if (agency == null || agency.isBlank()) {
            return applications.mine(s);
        }
        CaseContent.paging(offset, limit);
        return applications.handled(s, agency.equals("*") ? null : agency.strip(), CaseContent.openOnly(state), overdue, offset, limit);
    }

    @GET
    @Path("applications/{id}")
    @Operation(summary = "一件共享申请 (one sharing application)")
    public ShareApplication application(@PathParam("id") String id, @Context SecurityContext security) {
        return applications.get(Subject.of(security.getUserPrincipal()), id);
    }

    @GET
    @Path("applications/{id}/history")
    @Operation(summary = "共享申请的办理过程 (every step of a sharing application)")
    public List<CaseEvent> applicationHistory(@PathParam("id") String id, @Context SecurityContext security) {
        return applications.history(Subject.of(security.getUserPrincipal()), id);
    }

    @POST
    @Path("applications/{id}/material-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "要求补正材料，暂停计时 (ask for material: the clock pauses)")
    public ShareApplication requestMaterial(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.requestMaterial(Subject.of(security.getUserPrincipal()), id, text(note));
    }

    @POST
    @Path("applications/{id}/material")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "补正材料，恢复计时 (supply material: the clock resumes with the days left)")
    public ShareApplication supplyMaterial(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.supplyMaterial(Subject.of(security.getUserPrincipal()), id, text(note));
    }

    @POST
    @Path("applications/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "同意共享并写明条件 (approve with conditions)", description = "Issues a grant to the using agency for the items and "
            + "route, purpose and legal duty, until expiresOn (default one year, at most three), which every read then names.")
    public ShareApplication approve(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "terms", value = TERMS_EXAMPLE))) ShareTerms terms, @Context SecurityContext security) {
        return applications.approve(Subject.of(security.getUserPrincipal()), id, terms);
    }

    @POST
    @Path("applications/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "不予共享并说明理由 (refuse with reasons)")
    public ShareApplication refuse(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.refuse(Subject.of(security.getUserPrincipal()), id, text(note));
    }

    @POST
    @Path("applications/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "使用单位撤回申请 (the using agency withdraws)")
    public ShareApplication withdraw(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.withdraw(Subject.of(security.getUserPrincipal()), id, text(note));
    }

    // ------------------------------------------------------------------ negotiations (data not shared)

    /** The management department's coordination decision. */
    public record Coordination(boolean provide, String reasons, ShareTerms terms) {
    }

    @POST
    @Path("negotiations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "就不予共享数据发起协商 (open a negotiation over data not shared)", description = "The same form as an application. "
            + "The provider agrees on terms or declines; failing agreement the using agency escalates to the management department, "
            + "which decides (Art. 23). 20 working days by default.")
    public Response negotiate(ShareApplicationForm form, @Context SecurityContext security) {
        Negotiation n = negotiations.open(Subject.of(security.getUserPrincipal()), form);
        return Response.created(URI.create("/api/share/negotiations/" + n.id())).entity(n).build();
    }

    @GET
    @Path("negotiations")
    @Operation(summary = "协商列表 (negotiations)", description = "The caller's agency's (as either party); all=true for the management "
            + "department and supervisors (escalated first), escalated=true for those awaiting coordination.")
    public List<Negotiation> negotiations(@QueryParam("all") @DefaultValue("false") boolean all,
            @QueryParam("escalated") @DefaultValue("false") boolean escalated, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        if (!all && !escalated) {
            return negotiations.mine(s);
        }
        CaseContent.paging(offset, limit);
        return negotiations.all(s, escalated, offset, limit);
    }

    @GET
    @Path("negotiations/{id}")
    @Operation(summary = "一件协商 (one negotiation)")
    public Negotiation negotiation(@PathParam("id") String id, @Context SecurityContext security) {
        return negotiations.get(Subject.of(security.getUserPrincipal()), id);
    }

    @GET
    @Path("negotiations/{id}/history")
    @Operation(summary = "协商过程 (every step of a negotiation)")
    public List<CaseEvent> negotiationHistory(@PathParam("id") String id, @Context SecurityContext security) {
        return negotiations.history(Subject.of(security.getUserPrincipal()), id);
    }

    @POST
    @Path("negotiations/{id}/agreement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "提供单位同意提供 (the provider agrees, on terms)", description = "Issues a grant as an approval does.")
    public Negotiation agree(@PathParam("id") String id, ShareTerms terms, @Context SecurityContext security) {
        return negotiations.agree(Subject.of(security.getUserPrincipal()), id, terms);
    }

    @POST
    @Path("negotiations/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "提供单位不同意提供并说明理由 (the provider declines, with reasons)")
    public Negotiation decline(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return negotiations.decline(Subject.of(security.getUserPrincipal()), id, text(note));
    }

    @POST
    @Path("negotiations/{id}/escalation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "协商不成，提请主管部门协调 (escalate to the management department)")
    public Negotiation escalate(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return negotiations.escalate(Subject.of(security.getUserPrincipal()), id, text(note));
    }

    @POST
    @Path("negotiations/{id}/coordination")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "主管部门作出协调决定 (the management department decides)", description = "provide=true with terms issues a grant; "
            + "reasons either way.")
    public Negotiation coordinate(@PathParam("id") String id, Coordination c, @Context SecurityContext security) {
        if (c == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少协调决定 (the decision is empty)");
        }
        return negotiations.coordinate(Subject.of(security.getUserPrincipal()), id, c.provide(), c.reasons(), c.terms());
    }

    @POST
    @Path("negotiations/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "使用单位撤回协商 (the using agency withdraws)")
    public Negotiation withdrawNegotiation(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return negotiations.withdraw(Subject.of(security.getUserPrincipal()), id, text(note));
    }

    // ------------------------------------------------------------------ grants, usage, tracing

    @GET
    @Path("grants")
    @Operation(summary = "本单位持有的共享授权 (the caller's agency's grants of shared data)")
    public List<Grant> grants(@Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        if (s.anonymous() || s.agency() == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请以公共管理和服务机构的账户登录 (sign in with an agency account)");
        }
        return grants.heldBy(s.agency()).stream().filter(g -> g.kind() == Grant.Kind.SHARE).toList();
    }

    @GET
    @Path("grants/{id}")
    @Operation(summary = "一项共享授权 (one grant of shared data)", description = "For the holding agency, the provider, the management "
            + "department and supervisors.")
    public Grant grant(@PathParam("id") String id, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        Grant g = shareGrant(id);
        if (!(s.active() && g.holder().equals(s.agency()))) {
            pep.enforce(AccessRequest.of(s, Action.SHARE_TRACE, Entries.resource(Entries.find(catalog, g.resource(), "resource"))));
        }
        return g;
    }

    @GET
    @Path("grants/{id}/usage")
    @Operation(summary = "授权的使用情况 (what a grant delivered)", description = "Calls and rows per day, route and purpose (Art. 24); from and "
            + "to as yyyy-mm-dd, default the last 30 days, at most 366.")
    public List<UsageLine> grantUsage(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @Context SecurityContext security) {
        return usage.ofGrant(Subject.of(security.getUserPrincipal()), id, day("from", from), day("to", to));
    }

    @POST
    @Path("grants/{id}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "撤销共享授权 (revoke a grant of shared data)", description = "The providing agency's data officers, or supervisors "
            + "(Art. 39); effective on the next call; audited. text: the reason, required.")
    public Grant revoke(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        Grant g = shareGrant(id);
        CatalogEntry e = Entries.find(catalog, g.resource(), "resource");
        pep.enforce(AccessRequest.of(s, s.has(Role.SUPERVISOR) ? Action.SUPERVISE : Action.APPLICATION_ANSWER, Entries.resource(e)));
        String reason = text(note);
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "撤销授权须说明理由 (a revocation states its reason)",
                    List.of(new Violation("text", "须说明理由（不超过 2000 字）", "state the reason (at most 2000 characters)")));
        }
        return grants.revoke(id, s.id(), reason.strip());
    }

    @GET
    @Path("entries/{cls}/{seq}/grants")
    @Operation(summary = "信息资源的共享授权 (the grants of a resource)", description = "Who uses the data, how, for what and until when: the "
            + "provider, the management department and supervisors (Art. 24, 41).")
    public List<Grant> entryGrants(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        CatalogEntry e = Entries.find(catalog, cls + "/" + seq, "code");
        pep.enforce(AccessRequest.of(Subject.of(security.getUserPrincipal()), Action.SHARE_TRACE, Entries.resource(e)));
        return grants.ofResource(e.code().value()).stream().filter(g -> g.kind() == Grant.Kind.SHARE).toList();
    }

    @GET
    @Path("entries/{cls}/{seq}/usage")
    @Operation(summary = "信息资源的共享使用情况 (usage of a shared resource)", description = "Every recipient's calls and rows per day, route "
            + "and purpose, for the provider, the management department and supervisors; a using agency sees its own lines (Art. 24).")
    public List<UsageLine> entryUsage(@PathParam("cls") String cls, @PathParam("seq") String seq, @QueryParam("from") String from,
            @QueryParam("to") String to, @Context SecurityContext security) {
        return usage.ofResource(Subject.of(security.getUserPrincipal()), cls + "/" + seq, day("from", from), day("to", to));
    }

    // ------------------------------------------------------------------ helpers

    private Grant shareGrant(String id) {
        return grants.get(id).filter(x -> x.kind() == Grant.Kind.SHARE)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有共享授权 " + id + " (no grant of shared data " + id + ")"));
    }

    private static String text(Note note) {
        return note == null ? null : note.text();
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException ex) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "日期格式应为 yyyy-mm-dd (dates are yyyy-mm-dd)",
                    List.of(new Violation(field, "“" + value + "”不是有效日期", "'" + value + "' is not a date")));
        }
    }


}
