package org.poyang.platform.demo.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;

/**
 * Demo notes at {@code /api/demo/notes}: a module that owns a table through its own migration and
 * starts only once that migration has been applied.
 */
@Component(service = NotesResource.class, property = Endpoints.REST_ADDRESS + "=/demo/notes")
@Path("/")
@Tag(name = "demo")
@Produces(MediaType.APPLICATION_JSON)
public final class NotesResource {

    /** Longest note accepted. */
    static final int MAX_LENGTH = 500;

    /** A stored note. */
    public record Note(long id, String text, Instant createdAt) {
    }

    /** Body of a new note. */
    public record NewNote(String text) {
    }

    private final DataSource dataSource;

    @Activate
    public NotesResource(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.platform.demo)") Schema schema) {
        this.dataSource = dataSource;
    }

    @GET
    @Operation(summary = "最近的演示笔记 (the latest 100 demo notes)")
    public List<Note> list() throws SQLException {
        List<Note> notes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT ID, TEXT, CREATED_AT FROM DEMO_NOTE ORDER BY ID DESC OFFSET 0 ROWS FETCH NEXT 100 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                notes.add(new Note(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
        }
        return notes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "写一条演示笔记 (store a demo note)")
    public Response add(NewNote body) throws SQLException {
        String text = body == null || body.text() == null ? "" : body.text().strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "笔记内容无效 (invalid note text)",
                    List.of(new Violation("text", "必填，且不超过 " + MAX_LENGTH + " 个字符",
                            "required, at most " + MAX_LENGTH + " characters")));
        }
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO DEMO_NOTE (TEXT, CREATED_AT) VALUES (?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, text);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return Response.status(201).entity(new Note(keys.getLong(1), text, now)).build();
            }
        }
    }
}
