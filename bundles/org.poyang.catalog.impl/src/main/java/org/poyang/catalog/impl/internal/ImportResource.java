package org.poyang.catalog.impl.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Subject;

/**
 * Bulk import of catalog entries at {@code /api/catalog/import} from the CSV/XLSX template agencies
 * fill in: all entries are stored as drafts, or none, with every violation named by spreadsheet row
 * and column. Its own address so that only imports get the large request body limit.
 */
@Component(service = ImportResource.class, property = {Endpoints.REST_ADDRESS + "=/catalog/import",
    Endpoints.MAX_REQUEST_BYTES + ":Long=" + ImportResource.MAX_IMPORT_BYTES})
@Path("/")
@Tag(name = "catalog", description = "公共数据资源目录 (public data resource catalog)")
@Produces(MediaType.APPLICATION_JSON)
public final class ImportResource {

    /** Request bodies up to 64 MiB: a 20,000-entry import file in CSV is about 20 MiB. */
    static final long MAX_IMPORT_BYTES = 64L * 1024 * 1024;

    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;

    @Activate
    public ImportResource(@Reference CatalogService catalog, @Reference PolicyEnforcementPoint pep) {
        this.catalog = catalog;
        this.pep = pep;
    }

    @GET
    @Path("template")
    @Produces({EntryResource.XLSX, EntryResource.CSV})
    @Operation(summary = "下载导入模板 (the import template agencies fill in)")
    public Response template(@QueryParam("format") @DefaultValue("xlsx") String format) {
        if (format.equalsIgnoreCase("csv")) {
            return Response.ok(CatalogExchange.templateCsv(), EntryResource.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"catalog-template.csv\"").build();
        }
        return Response.ok(CatalogExchange.templateXlsx(), EntryResource.XLSX)
                .header("Content-Disposition", "attachment; filename=\"catalog-template.xlsx\"").build();
    }

    @POST
    @Consumes({EntryResource.CSV, EntryResource.XLSX})
    @Operation(summary = "批量导入信息资源草稿：任一行不合格则全部不导入，并逐行说明原因 (bulk import; all rows or none, with a row-by-row report)")
    public Response importEntries(InputStream body, @HeaderParam("Content-Type") String contentType,
            @Context SecurityContext security) throws IOException {
        Subject s = Subject.of(security.getUserPrincipal());
        // before reading the file: only a data officer may import, and only for their own agency (Art. 6, 9)
        pep.enforce(AccessRequest.of(s, Action.CATALOG_EDIT, EntryResource.provider(s.agency())));
        CatalogExchange.Parsed parsed = contentType != null && contentType.startsWith(EntryResource.XLSX)
                ? CatalogExchange.readXlsx(body) : CatalogExchange.readCsv(body);
        // every agency the file catalogs for must be the officer's own, before anything about the file is reported
        for (String provider : new java.util.TreeSet<>(parsed.drafts().stream()
                .map(d -> d.provider() == null ? "" : d.provider().strip()).filter(p -> !p.isEmpty()).toList())) {
            pep.enforce(AccessRequest.of(s, Action.CATALOG_EDIT, EntryResource.provider(provider)));
        }
        if (!parsed.problems().isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "导入文件格式有 " + parsed.problems().size()
                    + " 处问题，未导入任何内容 (the file has " + parsed.problems().size() + " problem(s); nothing was imported)",
                    parsed.problems());
        }
        List<CatalogEntry> created;
        try {
            created = catalog.createAll(parsed.drafts(), s.id());
        } catch (ProblemException e) {
            throw e.violations() == null || e.violations().isEmpty() ? e
                    : new ProblemException(e.type(), e.detail(), parsed.toSheetRows(e.violations()));
        }
        ObjectNode out = EntryJson.MAPPER.createObjectNode();
        out.put("imported", created.size());
        ArrayNode codes = out.putArray("codes");
        created.forEach(c -> codes.add(c.code().value()));
        return Response.status(Response.Status.CREATED).entity(out).build();
    }
}
