package org.poyang.open.impl.internal;

import io.swagger.v3.oas.annotations.Operation;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Freshness;
import org.poyang.open.api.AnalysisRequest;
import org.poyang.open.api.AnalysisResult;
import org.poyang.open.api.Application;
import org.poyang.open.api.ApplicationForm;
import org.poyang.open.api.Approval;
import org.poyang.open.api.Demand;
import org.poyang.open.api.Dispute;
import org.poyang.open.api.Emergencies;
import org.poyang.open.api.Disputes;
import org.poyang.open.api.DemandAnswer;
import org.poyang.open.api.DemandForm;
import org.poyang.open.api.Demands;
import org.poyang.open.api.ModelAnalyses;
import org.poyang.open.api.ResourceDemand;
import org.poyang.open.api.Showcase;
import org.poyang.open.api.Objection;
import org.poyang.open.api.ObjectionForm;
import org.poyang.open.api.ObjectionResolution;
import org.poyang.open.api.Objections;
import org.poyang.open.api.OpenApplications;
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
import org.poyang.security.api.Subject;

/**
 * The public side of open data at {@code /api/open} (开放管理): what an open dataset offers and how to
 * get it, applications for conditional open data (Art. 18) with their 10-working-day clock, objections
 * (Art. 19) on the same clock, and the results of algorithm models run inside the platform (Art. 18).
 */
@Component(service = OpenResource.class, property = Endpoints.REST_ADDRESS + "=/open")
@Path("/")
@Tag(name = "open", description = "公共数据开放 (open data: datasets, applications for conditional open data)")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenResource {

    /** Examples in the OpenAPI document: what a client sends. */
    static final String APPLY_EXAMPLE = "{\"resource\": \"104002/000123\", \"applicant\": {\"name\": \"张三\", \"organisation\": \"南昌某科技有限公司\", "
            + "\"creditCode\": \"91360100MA35R0XY1G\", \"contact\": \"zhangsan@example.cn\"}, \"purpose\": \"企业信用风险研究\", "
            + "\"items\": [\"企业名称\", \"注册资本\"], \"route\": \"OPEN_API\", \"material\": \"研究方案见附件说明\"}";
    static final String ANALYSIS_EXAMPLE = "{\"resource\": \"104002/000123\", \"grant\": \"grt_0123456789abcdef0123\", "
            + "\"filters\": [{\"item\": \"成立日期\", \"op\": \"ge\", \"values\": [\"2020-01-01\"]}], \"groupBy\": [\"区县\"], "
            + "\"measures\": [{\"fn\": \"count\"}, {\"fn\": \"sum\", \"item\": \"注册资本\"}, {\"fn\": \"quantile\", \"item\": \"注册资本\", \"p\": 0.5}]}";
    static final String OBJECTION_EXAMPLE = "{\"resource\": \"104002/000123\", \"key\": \"R000123\", \"kind\": \"PERSONAL_INFORMATION\", "
            + "\"request\": \"DELETE\", \"description\": \"该记录含有本人住址\", \"contact\": \"objector@example.cn\"}";

    private final OpenApplications applications;
    private final ModelAnalyses analyses;
    private final Objections objections;
    private final Demands demands;
    private final Disputes disputes;
    private final Showcase showcase;
    private final Emergencies emergencies;
    private final CatalogService catalog;
    private final CollectService collect;
    private final GrantService grants;
    private final PolicyEnforcementPoint pep;

    @Activate
    public OpenResource(@Reference OpenApplications applications, @Reference ModelAnalyses analyses, @Reference Objections objections,
            @Reference Demands demands, @Reference Disputes disputes, @Reference Showcase showcase,
            @Reference Emergencies emergencies,
            @Reference CatalogService catalog, @Reference CollectService collect,
            @Reference GrantService grants, @Reference PolicyEnforcementPoint pep) {
        this.applications = applications;
        this.analyses = analyses;
        this.objections = objections;
        this.demands = demands;
        this.disputes = disputes;
        this.showcase = showcase;
        this.emergencies = emergencies;
        this.catalog = catalog;
        this.collect = collect;
        this.grants = grants;
        this.pep = pep;
    }

    // ------------------------------------------------------------------ datasets

    /** How to obtain a dataset: links by route, and whether an application is needed. */
    public record Access(String openType, String openTypeZh, boolean applicationNeeded, Map<String, String> links, String conditions) {
    }

    /** An open dataset's page: what it is, who provides it, how fresh it is, how to get it (Art. 17, 18). */
    public record Dataset(String code, String name, String summary, String provider, String updateFrequency, String updateFrequencyZh,
            Instant lastUpdate, long rows, String format, List<String> items, List<String> keywords, String grade, Access access) {
    }

    @GET
    @Path("datasets/{cls}/{seq}")
    @Operation(summary = "开放数据集详情与获取方式 (an open dataset and how to obtain it)", description = "Provider, update frequency, last "
            + "update, rows, formats and links: direct download and API for unconditionally open data; the application form for "
            + "conditionally open data.")
    public Dataset dataset(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        pep.enforce(AccessRequest.of(s, Action.OPEN_CATALOG_READ));
        CatalogEntry e = Entries.find(catalog, cls + "/" + seq, "code");
        if (e.status() != EntryStatus.PUBLISHED || e.openType() == OpenType.NOT_OPEN) {
            throw new ProblemException(ProblemType.NOT_FOUND, "开放目录中没有 " + e.code().value() + " (" + e.code().value() + " is not in the open catalog)");
        }
        String base = "/api/collect/entries/" + e.code().value();
        Map<String, String> links = new LinkedHashMap<>();
        boolean apply = e.openType() == OpenType.CONDITIONAL;
        links.put("csv", base + "/export?format=csv" + (apply ? "&grant={grant}" : ""));
        links.put("json", base + "/export?format=json" + (apply ? "&grant={grant}" : ""));
        links.put("xlsx", base + "/export?format=xlsx" + (apply ? "&grant={grant}" : ""));
        links.put("api", base + "/rows?offset=0&limit=100" + (apply ? "&grant={grant}" : ""));
        if (apply) {
            links.put("apply", "/api/open/applications");
        }
        Freshness f = collect.freshness(e.code(), Instant.now());
        return new Dataset(e.code().value(), e.name(), e.summary(), e.provider().value(), e.updateFrequency().name(), e.updateFrequency().labelZh(),
                f.lastDelivery(), f.rows(), e.format().name(), e.items().stream().map(i -> i.name()).toList(), e.keywords(), e.grade().toString(),
                new Access(e.openType().name(), e.openType().labelZh(), apply, links, e.openConditions()));
    }

    // ------------------------------------------------------------------ applications

    @POST
    @Path("applications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "申请有条件开放数据 (apply for conditionally open data)", description = "Identity, intended use, items and route "
            + "(OPEN_DOWNLOAD, OPEN_API or MODEL_RESULT). The providing agency answers within 10 working days of receipt (the day of "
            + "receipt not counted; Art. 18). 409 open-unconditional: download directly; 409 open-not-open: not open (Art. 17).")
    public Response apply(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "application", value = APPLY_EXAMPLE))) ApplicationForm form, @Context SecurityContext security) {
        Application a = applications.apply(Subject.of(security.getUserPrincipal()), form);
        return Response.created(URI.create("/api/open/applications/" + a.id())).entity(a).build();
    }

    @GET
    @Path("applications")
    @Operation(summary = "申请列表 (applications)", description = "Without agency: the caller's own applications. With agency (a credit code): "
            + "the applications that agency must answer, for its staff, the management department and supervisors; state=open for those "
            + "not yet answered (nearest deadline first), overdue=true for those past their deadline. agency=* lists every agency's "
            + "(management department and supervisors).")
    public List<Application> list(@QueryParam("agency") String agency, @QueryParam("state") String state,
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
    @Operation(summary = "一件申请 (one application)")
    public Application get(@PathParam("id") String id, @Context SecurityContext security) {
        return applications.get(Subject.of(security.getUserPrincipal()), id);
    }

    @GET
    @Path("applications/{id}/history")
    @Operation(summary = "申请的办理过程 (every step of an application)", description = "Receipt, material requests, material supplied, "
            + "reminders, overdue flags and the answer, with who and when.")
    public List<CaseEvent> history(@PathParam("id") String id, @Context SecurityContext security) {
        return applications.history(Subject.of(security.getUserPrincipal()), id);
    }

    /** A text the caller sends with a step: what material is needed or supplied, reasons. */
    public record Note(String text) {
    }

    @POST
    @Path("applications/{id}/material-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "要求申请人补正材料，暂停计时 (ask for material: the clock pauses)")
    public Application requestMaterial(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.requestMaterial(Subject.of(security.getUserPrincipal()), id, note == null ? null : note.text());
    }

    @POST
    @Path("applications/{id}/material")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "申请人补正材料，恢复计时 (supply material: the clock resumes with the days left)")
    public Application supplyMaterial(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.supplyMaterial(Subject.of(security.getUserPrincipal()), id, note == null ? null : note.text());
    }

    @POST
    @Path("applications/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "批准，写明提供方式、时间和要求 (approve with the method, time and requirements of provision)",
            description = "Issues a grant of the items and route, until expiresOn (default one year), which every read of the data "
                    + "then names (grant=...).")
    public Application approve(@PathParam("id") String id, Approval approval, @Context SecurityContext security) {
        return applications.approve(Subject.of(security.getUserPrincipal()), id, approval);
    }

    @POST
    @Path("applications/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "不予提供并说明理由 (refuse with reasons)")
    public Application refuse(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.refuse(Subject.of(security.getUserPrincipal()), id, note == null ? null : note.text());
    }

    @POST
    @Path("applications/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "申请人撤回申请 (the applicant withdraws)")
    public Application withdraw(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return applications.withdraw(Subject.of(security.getUserPrincipal()), id, note == null ? null : note.text());
    }

    // ------------------------------------------------------------------ objections

    @POST
    @Path("objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "对开放数据提出异议 (object to open data)", description = "kind: ERROR, OMISSION, TRADE_SECRET, CONFIDENTIAL_BUSINESS, "
            + "PRIVACY, PERSONAL_INFORMATION; request: CORRECT, DELETE, OTHER; key: the record's key values separated by '|'. The "
            + "providing agency handles it within 10 working days (Art. 19). PRIVACY and PERSONAL_INFORMATION take the record out of "
            + "every read at once, pending the decision.")
    public Response object(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "objection", value = OBJECTION_EXAMPLE))) ObjectionForm form, @Context SecurityContext security) {
        Objection o = objections.file(Subject.of(security.getUserPrincipal()), form);
        return Response.created(URI.create("/api/open/objections/" + o.id())).entity(o).build();
    }

    @GET
    @Path("objections")
    @Operation(summary = "异议列表 (objections)", description = "Without agency: the caller's own; agency, state=open and overdue=true as for applications.")
    public List<Objection> objections(@QueryParam("agency") String agency, @QueryParam("state") String state,
            @QueryParam("overdue") @DefaultValue("false") boolean overdue, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        if (agency == null || agency.isBlank()) {
            return objections.mine(s);
        }
        CaseContent.paging(offset, limit);
        return objections.handled(s, agency.equals("*") ? null : agency.strip(), CaseContent.openOnly(state), overdue, offset, limit);
    }

    @GET
    @Path("objections/{id}")
    @Operation(summary = "一件异议及其处理结果 (one objection and its outcome)")
    public Objection objection(@PathParam("id") String id, @Context SecurityContext security) {
        return objections.get(Subject.of(security.getUserPrincipal()), id);
    }

    @GET
    @Path("objections/{id}/history")
    @Operation(summary = "异议的处理过程 (every step of an objection)")
    public List<CaseEvent> objectionHistory(@PathParam("id") String id, @Context SecurityContext security) {
        return objections.history(Subject.of(security.getUserPrincipal()), id);
    }

    @POST
    @Path("objections/{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "处理异议：更正、删除或维持，并答复 (handle: correct, delete or uphold, with an answer)", description = "A correction "
            + "or deletion is delivered to aggregation as batch objection-<id>, so the record's history keeps its earlier state.")
    public Objection resolve(@PathParam("id") String id, ObjectionResolution resolution, @Context SecurityContext security) {
        return objections.resolve(Subject.of(security.getUserPrincipal()), id, resolution);
    }

    @POST
    @Path("objections/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "异议人撤回异议 (the objector withdraws)")
    public Objection withdrawObjection(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return objections.withdraw(Subject.of(security.getUserPrincipal()), id, note == null ? null : note.text());
    }



    // ------------------------------------------------------------------ disputes over the opening agency

    @POST
    @Path("disputes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "登记开放主体争议 (record a dispute over which agency opens data)", description = "resource (or subject in words), "
            + "counterpart (the other agency's credit code), claim. The parties negotiate, then agree or escalate; the management "
            + "department records the expert committee's opinion and decides (Art. 20).")
    public Response dispute(Dispute.Form form, @Context SecurityContext security) {
        Dispute d = disputes.file(Subject.of(security.getUserPrincipal()), form);
        return Response.created(URI.create("/api/open/disputes/" + d.id())).entity(d).build();
    }

    @GET
    @Path("disputes")
    @Operation(summary = "开放主体争议列表 (disputes)", description = "agency: the disputes it is party to (its staff); without it, all "
            + "(management department, supervisors); state=open for those not settled.")
    public List<Dispute> disputesList(@QueryParam("agency") String agency, @QueryParam("state") String state,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit,
            @Context SecurityContext security) {
        CaseContent.paging(offset, limit);
        return disputes.list(Subject.of(security.getUserPrincipal()), agency == null || agency.isBlank() ? null : agency.strip(),
                CaseContent.openOnly(state), offset, limit);
    }

    @GET
    @Path("disputes/{id}")
    @Operation(summary = "一件开放主体争议 (one dispute)")
    public Dispute disputeById(@PathParam("id") String id, @Context SecurityContext security) {
        return disputes.get(Subject.of(security.getUserPrincipal()), id);
    }

    @GET
    @Path("disputes/{id}/history")
    @Operation(summary = "争议的协商和处理过程 (every step of a dispute)")
    public List<CaseEvent> disputeHistory(@PathParam("id") String id, @Context SecurityContext security) {
        return disputes.history(Subject.of(security.getUserPrincipal()), id);
    }

    @POST
    @Path("disputes/{id}/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "争议的一步 (a step of a dispute)", description = "step: negotiation, agreement (opener required), escalation, "
            + "withdrawal (the parties' data officers); opinion (the expert committee's), decision (opener required; after the "
            + "opinion) by the management department's catalog reviewers. Body: {text, opener}.")
    public Dispute disputeStep(@PathParam("id") String id, @PathParam("step") String step, Dispute.Step body, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        return switch (step) {
            case "negotiation" -> disputes.negotiate(s, id, body);
            case "agreement" -> disputes.agree(s, id, body);
            case "escalation" -> disputes.escalate(s, id, body);
            case "withdrawal" -> disputes.withdraw(s, id, body);
            case "opinion" -> disputes.recordOpinion(s, id, body);
            case "decision" -> disputes.decide(s, id, body);
            default -> throw new ProblemException(ProblemType.NOT_FOUND, "没有这一步：" + step + " (no step " + step + ")");
        };
    }

    // ------------------------------------------------------------------ emergencies

    @GET
    @Path("emergencies")
    @Operation(summary = "突发事件及为其开放的数据 (emergency events and the data opened for them)", description = "Active events first; "
            + "each opened resource with its links (naming the event's grant), its last delivery and whether it is overdue on the "
            + "event's refresh interval (Art. 16). all=true includes closed events.")
    public List<Emergencies.Event> emergencies(@QueryParam("all") @DefaultValue("false") boolean all) {
        return emergencies.list(!all);
    }

    @GET
    @Path("emergencies/{id}")
    @Operation(summary = "一个突发事件 (one emergency event)")
    public Emergencies.Event emergency(@PathParam("id") String id) {
        return emergencies.get(id);
    }

    @POST
    @Path("emergencies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "宣布突发事件 (declare an emergency event: management department)", description = "title, kind (NATURAL_DISASTER, "
            + "ACCIDENT, PUBLIC_HEALTH, SOCIAL_SECURITY), description, refreshHours (1-168).")
    public Response declare(Emergencies.Declaration declaration, @Context SecurityContext security) {
        Emergencies.Event e = emergencies.declare(Subject.of(security.getUserPrincipal()), declaration);
        return Response.created(URI.create("/api/open/emergencies/" + e.id())).entity(e).build();
    }

    /** A resource to open for an event. */
    public record Opening(String resource) {
    }

    @POST
    @Path("emergencies/{id}/resources")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "为突发事件开放一项数据 (open a resource for the event: management department)", description = "Opens the entry's "
            + "items to everyone by API and download until the event is closed, whatever its ordinary open type; personal items stay "
            + "masked.")
    public Emergencies.Event openForEmergency(@PathParam("id") String id, Opening body, @Context SecurityContext security) {
        return emergencies.open(Subject.of(security.getUserPrincipal()), id, body == null ? null : body.resource());
    }

    @POST
    @Path("emergencies/{id}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "结束突发事件 (close the event: every opening it made ends at once)")
    public Emergencies.Event closeEmergency(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        return emergencies.close(Subject.of(security.getUserPrincipal()), id, note == null ? null : note.text());
    }

    // ------------------------------------------------------------------ use and showcase

    @POST
    @Path("showcase")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "登记基于开放数据的应用 (register an application or analysis built on open data)", description = "name, description, "
            + "url, kind (APP, ANALYSIS, RESEARCH, COMPETITION), datasets (resource codes). Listed once the management department has "
            + "reviewed it (Art. 25, 28).")
    public Response showcase(Showcase.Form form, @Context SecurityContext security) {
        Showcase.Item item = showcase.submit(Subject.of(security.getUserPrincipal()), form);
        return Response.created(URI.create("/api/open/showcase/" + item.id())).entity(item).build();
    }

    @GET
    @Path("showcase")
    @Operation(summary = "开放数据应用示范 (the showcase: listed applications and analyses)", description = "dataset: those using one dataset.")
    public List<Showcase.Item> showcaseList(@QueryParam("dataset") String dataset, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        CaseContent.paging(offset, limit);
        return showcase.listed(dataset, offset, limit);
    }

    @GET
    @Path("showcase/mine")
    @Operation(summary = "本人登记的应用 (the caller's registrations)")
    public List<Showcase.Item> showcaseMine(@Context SecurityContext security) {
        return showcase.mine(Subject.of(security.getUserPrincipal()));
    }

    @GET
    @Path("showcase/pending")
    @Operation(summary = "待审核的应用登记 (registrations waiting for review: management department)")
    public List<Showcase.Item> showcasePending(@Context SecurityContext security) {
        return showcase.pending(Subject.of(security.getUserPrincipal()));
    }

    /** A review: list it or decline it, with a note (required to decline). */
    public record Review(Boolean list, String note) {
    }

    @POST
    @Path("showcase/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "审核应用登记 (list or decline a registration: management department)")
    public Showcase.Item showcaseReview(@PathParam("id") String id, Review review, @Context SecurityContext security) {
        if (review == null || review.list() == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须说明展示还是不予展示 (say whether to list it)",
                    List.of(new Violation("list", "须为 true 或 false", "true or false")));
        }
        return showcase.review(Subject.of(security.getUserPrincipal()), id, review.list(), review.note());
    }

    // ------------------------------------------------------------------ demand-led opening

    @POST
    @Path("demands")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "提出开放需求 (ask for data to be opened)", description = "title, description, and the entry to open (resource) or the "
            + "agency thought to hold the data (provider); category: a priority-open category of Art. 15. 409 demand-already-open for "
            + "data open without conditions.")
    public Response demand(DemandForm form, @Context SecurityContext security) {
        Demand d = demands.submit(Subject.of(security.getUserPrincipal()), form);
        return Response.created(URI.create("/api/open/demands/" + d.id())).entity(d).build();
    }

    @GET
    @Path("demands")
    @Operation(summary = "开放需求，票数多者在前 (requests for opening, most votes first)", description = "Filters: resource, provider, status "
            + "(OPEN, PLANNED, OPENED, DECLINED); sort=new for newest first.")
    public List<Demand> demands(@QueryParam("resource") String resource, @QueryParam("provider") String provider,
            @QueryParam("status") String status, @QueryParam("sort") @DefaultValue("votes") String sort,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
        CaseContent.paging(offset, limit);
        if (!sort.equals("votes") && !sort.equals("new")) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "sort 应为 votes 或 new (sort must be votes or new)",
                    List.of(new Violation("sort", "取值应为 votes 或 new", "votes or new")));
        }
        return demands.list(resource, provider, status, sort.equals("new"), offset, limit);
    }

    @GET
    @Path("demands/by-resource")
    @Operation(summary = "各信息资源的开放需求 (open demand per resource)", description = "provider: an agency's credit code (its staff, the "
            + "management department, supervisors); without it every agency's (management department and supervisors).")
    public List<ResourceDemand> demandByResource(@QueryParam("provider") String provider, @Context SecurityContext security) {
        return demands.byResource(Subject.of(security.getUserPrincipal()), provider == null || provider.isBlank() ? null : provider.strip());
    }

    @GET
    @Path("demands/{id}")
    @Operation(summary = "一项开放需求 (one request for opening)")
    public Demand demandById(@PathParam("id") String id) {
        return demands.get(id);
    }

    @POST
    @Path("demands/{id}/votes")
    @Operation(summary = "为开放需求投票，每人一票 (vote for a request; one vote per account)")
    public Demand vote(@PathParam("id") String id, @Context SecurityContext security) {
        return demands.vote(Subject.of(security.getUserPrincipal()), id);
    }

    @POST
    @Path("demands/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "答复开放需求 (answer a request for opening)", description = "status PLANNED, OPENED or DECLINED with the answer; the "
            + "providing agency's data officers, or for requests naming no agency the management department's catalog reviewers.")
    public Demand answerDemand(@PathParam("id") String id, DemandAnswer answer, @Context SecurityContext security) {
        return demands.answer(Subject.of(security.getUserPrincipal()), id, answer);
    }

    @GET
    @Path("priorities")
    @Operation(summary = "重点和优先开放的数据类别及已开放的数据 (the priority-open categories of Art. 15 and what is open in each)")
    public List<Demands.PriorityOpening> priorities(@QueryParam("category") String category) {
        org.poyang.catalog.api.PriorityCategory only = null;
        if (category != null && !category.isBlank()) {
            try {
                only = org.poyang.catalog.api.PriorityCategory.valueOf(category.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "未知的优先开放类别 (unknown category)", List.of(new Violation("category",
                        "应为 " + java.util.Arrays.toString(org.poyang.catalog.api.PriorityCategory.values()) + " 之一",
                        "one of " + java.util.Arrays.toString(org.poyang.catalog.api.PriorityCategory.values()))));
            }
        }
        return demands.priorities(only);
    }

    // ------------------------------------------------------------------ model results

    @POST
    @Path("analyses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "运行分析，仅获取统计结果 (run an analysis inside the platform; only aggregates leave)", description = "Algorithm "
            + "model results (数据可用不可见, Art. 18): filters, group-by, count/sum/avg/quantile over one entry, optionally joined with a "
            + "second on key items (join.<item>). Conditionally open data needs a grant for the MODEL_RESULT route. Disclosure control: "
            + "cells under k records (default 10) are withheld, plus the next smallest when only one would be; sums, averages and "
            + "quantiles with fewer than k contributing records or dominated by one record are withheld. No raw rows, no min/max. "
            + "Personal or sensitive items may only join. 422 analysis-limit past the time, group or memory limits.")
    public AnalysisResult analyse(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "analysis", value = ANALYSIS_EXAMPLE))) AnalysisRequest request, @Context SecurityContext security) {
        return analyses.run(Subject.of(security.getUserPrincipal()), request);
    }

    // ------------------------------------------------------------------ grants

    @GET
    @Path("datasets/{cls}/{seq}/grants")
    @Operation(summary = "数据集的开放授权 (the grants of a dataset)", description = "Who may use conditionally open data, how and until "
            + "when: the providing agency's staff, the management department and supervisors (Art. 18, 41).")
    public List<Grant> datasetGrants(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = Entries.find(catalog, cls + "/" + seq, "code");
        pep.enforce(AccessRequest.of(s, Action.CASE_OVERSEE, Entries.resource(e)));
        return grants.ofResource(e.code().value()).stream().filter(g -> g.kind() == Grant.Kind.OPEN).toList();
    }

    @POST
    @Path("grants/{id}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "撤销开放授权 (revoke a grant of open data)", description = "The providing agency's data officers, or supervisors "
            + "(Art. 39: a user who breaks the terms); effective on the next call; audited. text: the reason, required.")
    public Grant revokeGrant(@PathParam("id") String id, Note note, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        Grant g = grants.get(id).filter(x -> x.kind() == Grant.Kind.OPEN)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有开放授权 " + id + " (no grant of open data " + id + ")"));
        CatalogEntry e = Entries.find(catalog, g.resource(), "resource");
        if (s.has(org.poyang.security.api.Role.SUPERVISOR)) {
            pep.enforce(AccessRequest.of(s, Action.SUPERVISE, Entries.resource(e)));
        } else {
            pep.enforce(AccessRequest.of(s, Action.APPLICATION_ANSWER, Entries.resource(e)));
        }
        if (note == null || note.text() == null || note.text().isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "撤销授权须说明理由 (a revocation states its reason)",
                    List.of(new Violation("text", "须说明理由", "state the reason")));
        }
        return grants.revoke(id, s.id(), note.text().strip());
    }

    @GET
    @Path("grants")
    @Operation(summary = "本人持有的开放授权 (the caller's grants of open data)")
    public List<Grant> myGrants(@Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        if (s.anonymous() || s.kind() != Subject.Kind.ACCOUNT) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请以账户登录 (sign in with your account)");
        }
        return grants.heldBy(s.id()).stream().filter(g -> g.kind() == Grant.Kind.OPEN).toList();
    }

}
