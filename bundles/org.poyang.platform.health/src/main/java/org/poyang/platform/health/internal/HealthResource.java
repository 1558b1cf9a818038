package org.poyang.platform.health.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.PublishedEndpoints;

/**
 * {@code GET /api/health}: every Poyang module with its state (active; starting while its endpoints
 * are being published; unsatisfied, naming the missing references; failed), and 503 when a
 * required module is not active.
 */
@Component(service = HealthResource.class, property = Endpoints.REST_ADDRESS + "=/health",
        configurationPid = "org.poyang.platform.health")
@Designate(ocd = HealthResource.Config.class)
@Path("/")
public final class HealthResource {

    /** Which modules the deployment profile cannot run without. */
    @ObjectClassDefinition(name = "Poyang health")
    public @interface Config {
        @AttributeDefinition(description = "Bundle symbolic names that must be installed and active; "
                + "empty means every installed Poyang module is required")
        String[] requiredModules() default {};
    }

    private final HealthInspector inspector;
    private volatile Set<String> required;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PublishedEndpoints endpoints;

    @Activate
    public HealthResource(BundleContext context, @Reference ServiceComponentRuntime scr, Config config) {
        this.inspector = new HealthInspector(context, scr);
        modified(config);
    }

    @Modified
    void modified(Config config) {
        Set<String> s = new LinkedHashSet<>();
        Arrays.stream(config.requiredModules()).map(String::trim).filter(x -> !x.isEmpty()).forEach(s::add);
        this.required = Set.copyOf(s);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "模块健康状况 (health of every module)",
            responses = {@ApiResponse(responseCode = "200", description = "all required modules active"),
                @ApiResponse(responseCode = "503", description = "a required module is missing, unsatisfied or failed")})
    public Response health() {
        HealthReport report = inspector.inspect(required, endpoints);
        return Response.status("UP".equals(report.status()) ? 200 : 503)
                .header("Cache-Control", "no-store").entity(report).build();
    }
}
