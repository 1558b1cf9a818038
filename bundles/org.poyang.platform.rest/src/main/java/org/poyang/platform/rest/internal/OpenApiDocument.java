package org.poyang.platform.rest.internal;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import java.util.Map;
import java.util.Set;

/**
 * One OpenAPI 3 document for all published REST endpoints, built with swagger-core's JAX-RS reader
 * (each resource read on its own, its paths prefixed with its published address) and rebuilt lazily
 * after endpoints come or go.
 */
final class OpenApiDocument {

    private volatile Map<String, Class<?>> resources = Map.of();
    private volatile String cached;

    void invalidate(Map<String, Class<?>> current) {
        resources = Map.copyOf(current);
        cached = null;
    }

    String json() {
        String doc = cached;
        if (doc == null) {
            doc = build(resources);
            cached = doc;
        }
        return doc;
    }

    private static String build(Map<String, Class<?>> resources) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(Reader.class.getClassLoader());
        try {
            OpenAPI api = new OpenAPI()
                    .info(new Info().title("Poyang 鄱阳 公共数据平台 API").version("0.1.0")
                            .description("Public data platform of Jiangxi Province (江西省公共数据管理办法). "
                                    + "Errors are RFC 9457 application/problem+json."))
                    .paths(new Paths())
                    .components(new Components());
            resources.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                OpenAPI part = new Reader(new SwaggerConfiguration().openAPI(new OpenAPI())).read(Set.of(e.getValue()));
                if (part.getPaths() != null) {
                    part.getPaths().forEach((path, item) -> api.getPaths().addPathItem(join(e.getKey(), path), item));
                }
                if (part.getComponents() != null && part.getComponents().getSchemas() != null) {
                    part.getComponents().getSchemas().forEach(api.getComponents()::addSchemas);
                }
                if (part.getTags() != null) {
                    part.getTags().forEach(api::addTagsItem);
                }
            });
            return Json.pretty(api);
        } finally {
            t.setContextClassLoader(old);
        }
    }

    static String join(String base, String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return base;
        }
        return base + (path.startsWith("/") ? path : "/" + path);
    }

}
