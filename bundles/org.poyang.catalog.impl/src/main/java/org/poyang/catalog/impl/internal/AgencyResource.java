package org.poyang.catalog.impl.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.AgencyService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.NewAgency;
import org.poyang.catalog.api.RegionCode;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Subject;

/** REST view of the agency register at {@code /api/catalog/agencies}; the rules live in the service. */
@Component(service = AgencyResource.class, property = Endpoints.REST_ADDRESS + "=/catalog/agencies")
@Path("/")
@Tag(name = "catalog", description = "公共数据资源目录 (public data resource catalog)")
@Produces(MediaType.APPLICATION_JSON)
public final class AgencyResource {

    /** JSON shape of an agency. */
    public record AgencyView(String creditCode, String name, String regionCode, String level, String levelZh,
            String parentCreditCode, String registeredAt) {
        static AgencyView of(Agency a) {
            return new AgencyView(a.creditCode().value(), a.name(), a.region().value(), a.level().name(), a.level().labelZh(),
                    a.parent() == null ? null : a.parent().value(), a.registeredAt().toString());
        }
    }

    private final AgencyService agencies;
    private final PolicyEnforcementPoint pep;

    @Activate
    public AgencyResource(@Reference AgencyService agencies, @Reference PolicyEnforcementPoint pep) {
        this.agencies = agencies;
        this.pep = pep;
    }

    @GET
    @Operation(summary = "机构名录 (agencies, optionally within a region)")
    public List<AgencyView> list(@QueryParam("region") String region) {
        RegionCode within = region == null || region.isBlank() ? null : identifier(() -> RegionCode.parse(region));
        return agencies.list(within).stream().map(AgencyView::of).toList();
    }

    @GET
    @Path("{creditCode}")
    @Operation(summary = "按统一社会信用代码查询机构 (one agency by credit code)")
    public AgencyView get(@PathParam("creditCode") String creditCode) {
        CreditCode code = identifier(() -> CreditCode.parse(creditCode));
        return agencies.find(code).map(AgencyView::of).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "未登记统一社会信用代码为 " + code + " 的机构 (no agency registered with this code)"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "登记机构 (register an agency; Art. 6, 9)")
    public Response register(NewAgency body, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        pep.enforce(AccessRequest.of(s, Action.AGENCY_REGISTER, body == null ? null : Resource.named(body.creditCode())));
        String actor = s.id();
        if (body == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "请求体不能为空 (a request body is required)");
        }
        Agency a = agencies.register(body, actor);
        return Response.created(UriBuilder.fromPath("/api/catalog/agencies/{code}").build(a.creditCode().value()))
                .entity(AgencyView.of(a)).build();
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
