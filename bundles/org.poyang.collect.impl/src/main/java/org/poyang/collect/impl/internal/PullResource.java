package org.poyang.collect.impl.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.PullSettings;
import org.poyang.collect.api.PullState;
import org.poyang.collect.api.ScheduledPulls;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Subject;

/**
 * Scheduled pulls from agencies' front-end databases (前置机, Art. 10) at {@code /api/collect/pulls}: the
 * providing agency's data officers set, run and remove the pull of their own entries (as they deliver
 * them); they, the management department and supervisors follow it.
 */
@Component(service = PullResource.class, property = Endpoints.REST_ADDRESS + "=/collect/pulls")
@Path("/")
@Tag(name = "collect", description = "数据归集 (aggregation: deliveries, batches, freshness, reading out)")
@Produces(MediaType.APPLICATION_JSON)
public final class PullResource {

    private final ScheduledPulls pulls;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;

    @Activate
    public PullResource(@Reference ScheduledPulls pulls, @Reference CatalogService catalog, @Reference PolicyEnforcementPoint pep) {
        this.pulls = pulls;
        this.catalog = catalog;
        this.pep = pep;
    }

    @GET
    @Operation(summary = "全部定时拉取 (every scheduled pull)", description = "The management department and supervisors (Art. 13, 41).")
    public List<PullState> all(@Context SecurityContext security) {
        pep.enforce(AccessRequest.of(Subject.of(security.getUserPrincipal()), Action.COLLECT_MONITOR,
                new Resource(null, null, null, null, null, true)));
        return pulls.all();
    }

    @GET
    @Path("{cls}/{seq}")
    @Operation(summary = "信息资源的定时拉取 (an entry's scheduled pull)", description = "Settings (never the password), the last run, "
            + "its status and message, and the next run.")
    public PullState get(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        CatalogEntry e = entry(cls, seq);
        pep.enforce(AccessRequest.of(Subject.of(security.getUserPrincipal()), Action.COLLECT_MONITOR, CollectResource.resource(e)));
        return pulls.get(e.code()).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, e.code().value() + " 未设置定时拉取 ("
                + e.code().value() + " has no scheduled pull)"));
    }

    @PUT
    @Path("{cls}/{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "设置从前置机定时拉取 (set a scheduled pull from the agency's front-end database)", description = "driverClass (a "
            + "driver bundle installed on the instance; embedded Derby: org.apache.derby.iapi.jdbc.AutoloadedDriver), url, user, password "
            + "(stored encrypted, never returned; omit to keep), query (one SELECT whose column labels are the item names), "
            + "incrementalColumn (optional: only rows past the last value), intervalMinutes, enabled. Each run is a batch like any other.")
    public PullState configure(@PathParam("cls") String cls, @PathParam("seq") String seq, PullSettings body, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        pep.enforce(AccessRequest.of(s, Action.DATA_DELIVER, CollectResource.resource(e)));
        try {
            return pulls.configure(e.code(), body, s.id());
        } catch (IllegalArgumentException ex) {
            List<Violation> v = new ArrayList<>();
            for (String problem : ex.getMessage().split("；")) {
                int open = problem.indexOf(" (");
                v.add(new Violation("pull", open < 0 ? problem : problem.substring(0, open), open < 0 ? problem
                        : problem.substring(open + 2, problem.length() - 1)));
            }
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "拉取设置有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
    }

    @DELETE
    @Path("{cls}/{seq}")
    @Operation(summary = "取消定时拉取 (remove the scheduled pull; delivered rows stay)")
    public Response remove(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        pep.enforce(AccessRequest.of(s, Action.DATA_DELIVER, CollectResource.resource(e)));
        if (!pulls.remove(e.code(), s.id())) {
            throw new ProblemException(ProblemType.NOT_FOUND, e.code().value() + " 未设置定时拉取 (" + e.code().value() + " has no scheduled pull)");
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{cls}/{seq}/runs")
    @Operation(summary = "立即拉取一次 (run the pull now)", description = "As the schedule would: the state after the run and, when rows were "
            + "delivered, the batch report (rejected rows and reasons).")
    public ScheduledPulls.Run run(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        pep.enforce(AccessRequest.of(s, Action.DATA_DELIVER, CollectResource.resource(e)));
        if (pulls.get(e.code()).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, e.code().value() + " 未设置定时拉取 (" + e.code().value() + " has no scheduled pull)");
        }
        return pulls.pullNow(e.code(), s.id());
    }

    private CatalogEntry entry(String cls, String seq) {
        ResourceCode code;
        try {
            code = ResourceCode.parse(cls + "/" + seq);
        } catch (InvalidIdentifierException ex) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, ex.getMessage(), List.of(new Violation(ex.field(), ex.messageZh(), ex.messageEn())));
        }
        return catalog.get(code).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "信息资源 " + code.value() + " 不存在 (no catalog entry " + code.value() + ")"));
    }
}
