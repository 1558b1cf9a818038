package org.poyang.platform.rest.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Resources the bridge itself serves at {@code /api}. Every other path below it is a 404 problem. */
@Path("/")
public final class RootResource {

    private final OpenApiDocument openApi;

    RootResource(OpenApiDocument openApi) {
        this.openApi = openApi;
    }

    /** The OpenAPI 3 document of every REST endpoint currently published. */
    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String openApi() {
        return openApi.json();
    }
}
