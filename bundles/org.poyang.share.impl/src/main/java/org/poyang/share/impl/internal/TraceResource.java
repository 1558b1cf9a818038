package org.poyang.share.impl.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Subject;
import org.poyang.share.api.ShareUsage;
import org.poyang.share.api.TraceReport;

/**
 * The trace of a leaked file (泄露溯源, Art. 24) at {@code /api/share/traces}: its own address, so that only
 * the trace gets a request limit large enough for a whole file.
 */
@Component(service = TraceResource.class, property = {Endpoints.REST_ADDRESS + "=/share/traces",
    Endpoints.MAX_REQUEST_BYTES + ":Long=" + TraceResource.MAX_REQUEST_BYTES})
@Path("/")
@Tag(name = "share", description = "公共数据共享 (data sharing between agencies: applications, negotiations, grants, usage, tracing)")
@Produces(MediaType.APPLICATION_JSON)
public final class TraceResource {

    /** Largest leaked file the trace reads. */
    static final int MAX_TRACE_BYTES = 32 * 1024 * 1024;
    /** The endpoint's request limit: the largest file and room for the request around it. */
    static final long MAX_REQUEST_BYTES = MAX_TRACE_BYTES + 1024L * 1024;

    private final ShareUsage usage;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;

    @Activate
    public TraceResource(@Reference ShareUsage usage, @Reference CatalogService catalog, @Reference PolicyEnforcementPoint pep) {
        this.usage = usage;
        this.catalog = catalog;
        this.pep = pep;
    }

    @POST
    @Path("{cls}/{seq}")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "泄露溯源：判断文件来自哪项授权 (trace a leaked file to the grant it was delivered under)", description = "The body is "
            + "the file as found (CSV, JSON or any text; UTF-8 or GB18030; at most 32 MB), whatever its column order, columns or number "
            + "format. Names the grant (or agency) whose fingerprint it carries with a confidence, or none (Art. 24). The provider, the "
            + "management department and supervisors.")
    public TraceReport trace(@PathParam("cls") String cls, @PathParam("seq") String seq, InputStream body, @Context SecurityContext security)
            throws IOException {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = Entries.find(catalog, cls + "/" + seq, "code");
        pep.enforce(AccessRequest.of(s, Action.SHARE_TRACE, Entries.resource(e)));
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_TRACE_BYTES + 1);
        if (bytes.length > MAX_TRACE_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "文件超过 32 MB (the file is larger than 32 MB)");
        }
        return usage.trace(s, e.code().value(), decode(bytes));
    }

    /** UTF-8 if the bytes are UTF-8, else GB18030 (files saved by Chinese spreadsheet programs). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }
}
