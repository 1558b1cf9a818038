package org.poyang.platform.demo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;

/** The demo REST resource, published by the bridge at {@code /api/demo}. */
@Path("/")
@Tag(name = "demo", description = "演示接口 (demonstration endpoints)")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    /** Largest page the rows call serves. */
    public static final int MAX_ROWS = 1000;

    @GET
    @Path("greeting")
    @Operation(summary = "问候 (a greeting)")
    public Greeting greeting(@QueryParam("name") @DefaultValue("鄱阳") String name) {
        if (name.length() > 100) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "参数 name 过长 (parameter name is too long)",
                    List.of(new Violation("name", "长度不得超过 100 个字符", "at most 100 characters")));
        }
        return new Greeting("你好，" + name + "！", "zh-CN");
    }

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "原样返回 (echo the greeting back)")
    public Greeting echo(Greeting body) {
        if (body == null || body.message() == null || body.message().isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "message 不能为空 (message is required)",
                    List.of(new Violation("message", "不能为空", "must not be empty")));
        }
        return body;
    }

    @GET
    @Path("rows")
    @Operation(summary = "示例数据行 (sample rows)")
    public List<DemoRow> rows(@QueryParam("count") @DefaultValue("10") int count) {
        if (count < 0 || count > MAX_ROWS) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "count 须在 0 到 " + MAX_ROWS + " 之间 (count must be between 0 and " + MAX_ROWS + ")",
                    List.of(new Violation("count", "取值范围 0-" + MAX_ROWS, "range 0-" + MAX_ROWS)));
        }
        return DemoRow.sample(count);
    }
}
