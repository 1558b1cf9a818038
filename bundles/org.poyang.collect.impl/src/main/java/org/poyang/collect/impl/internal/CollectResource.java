package org.poyang.collect.impl.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.CollectSettings;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.Freshness;
import org.poyang.collect.api.Row;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowMarker;
import org.poyang.collect.api.RowRejection;
import org.poyang.collect.api.RowSink;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Decision;
import org.poyang.security.api.ItemClass;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;

/**
 * REST view of aggregation (归集) at {@code /api/collect}: agencies deliver batches of an entry's rows
 * as JSON; providers, the management department and supervisors follow batches, rejected rows,
 * record history and freshness; rows are read and exported through the open or share route.
 * <p>
 * Every call asks the policy enforcement point first: deliveries and settings are the providing
 * agency's (Art. 6, 10); monitoring is the provider's, the management department's and
 * supervisors' (Art. 13, 41); reading rows is an open-data or shared-data read (Art. 18, 23, 24),
 * masked by the masking policy for the reader and route (Art. 13, 31).
 */
@Component(service = CollectResource.class, property = {Endpoints.REST_ADDRESS + "=/collect",
    Endpoints.MAX_REQUEST_BYTES + ":Long=" + CollectResource.MAX_BATCH_BYTES})
@Path("/")
@Tag(name = "collect", description = "数据归集 (aggregation of agencies' data)")
@Produces(MediaType.APPLICATION_JSON)
public final class CollectResource {

    /** Largest JSON batch accepted: larger deliveries are split into several batches. */
    static final long MAX_BATCH_BYTES = 64L * 1024 * 1024;
    /** Most rows in one batch. */
    static final int MAX_BATCH_ROWS = 100_000;
    /** Marks a row object as a deletion by key: {@code "@op": "delete"}. */
    static final String OP_FIELD = "@op";

    private static final JsonFactory JSON = new JsonFactory();

    private final CollectService collect;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;
    private final MaskingPolicy masking;
    private final Clock clock = Clock.systemUTC();
    /** The share module's fingerprint of shared deliveries (Art. 24), when it is installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile RowMarker marker;

    @Activate
    public CollectResource(@Reference CollectService collect, @Reference CatalogService catalog,
            @Reference PolicyEnforcementPoint pep, @Reference MaskingPolicy masking) {
        this.collect = collect;
        this.catalog = catalog;
        this.pep = pep;
        this.masking = masking;
    }

    // ------------------------------------------------------------------ delivery and settings

    @POST
    @Path("entries/{cls}/{seq}/batches/{batch}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "归集一个批次 (deliver a batch of rows)", description = "A JSON array of row objects keyed by data item name; "
            + "a row with \"@op\": \"delete\" deletes the record with its key. The batch is applied whole or not at all (422 naming "
            + "rows and reasons), unless the entry's settings allow partial acceptance. Re-sending a batch id is idempotent.")
    public JsonNode deliver(@PathParam("cls") String cls, @PathParam("seq") String seq, @PathParam("batch") String batch,
            InputStream body, @Context SecurityContext security) throws IOException {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        pep.enforce(new AccessRequest(s, Action.DATA_DELIVER, resource(e), null, null));
        List<Row> rows = parseRows(body);
        return Json.tree(collect.deliver(new Delivery(e.code(), batch, rows, s.id())));
    }

    @POST
    @Path("entries/{cls}/{seq}/batches/{batch}")
    @Consumes({"text/csv", "application/csv"})
    @Operation(summary = "以 CSV 文件归集一个批次 (deliver a batch as a CSV file)", description = "The first line names the data items; "
            + "an optional @op column holds upsert or delete. UTF-8 (with or without a byte-order mark) unless the Content-Type "
            + "declares charset=GB18030 or GBK. Same rules as the JSON form.")
    public JsonNode deliverCsv(@PathParam("cls") String cls, @PathParam("seq") String seq, @PathParam("batch") String batch,
            @jakarta.ws.rs.HeaderParam("Content-Type") String contentType, InputStream body, @Context SecurityContext security)
            throws IOException {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        pep.enforce(new AccessRequest(s, Action.DATA_DELIVER, resource(e), null, null));
        List<Row> rows = CsvRows.read(body, CsvRows.charset(contentType), MAX_BATCH_ROWS);
        return Json.tree(collect.deliver(new Delivery(e.code(), batch, rows, s.id())));
    }

    @POST
    @Path("entries/{cls}/{seq}/batches/{batch}")
    @Consumes(XlsxRows.MEDIA_TYPE)
    @Operation(summary = "以 Excel（.xlsx）文件归集一个批次 (deliver a batch as an .xlsx workbook)", description = "The first sheet: the "
            + "first row names the data items (an optional @op column holds upsert or delete), each later row is a row; date cells "
            + "of date items are read as dates. Same rules as the JSON form; an old .xls workbook is refused.")
    public JsonNode deliverXlsx(@PathParam("cls") String cls, @PathParam("seq") String seq, @PathParam("batch") String batch, InputStream body,
            @Context SecurityContext security) throws IOException {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        pep.enforce(new AccessRequest(s, Action.DATA_DELIVER, resource(e), null, null));
        java.util.Set<String> dates = new java.util.HashSet<>();
        e.items().stream().filter(i -> i.dataType() == org.poyang.catalog.api.DataType.DATE || i.dataType() == org.poyang.catalog.api.DataType.DATETIME)
                .forEach(i -> dates.add(i.name()));
        List<Row> rows = XlsxRows.read(body, dates, MAX_BATCH_ROWS);
        return Json.tree(collect.deliver(new Delivery(e.code(), batch, rows, s.id())));
    }

    /** Reads the batch as a stream of row objects; values of any JSON scalar type become text. */
    static List<Row> parseRows(InputStream body) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw bad("请求体应为由行对象组成的 JSON 数组", "the body must be a JSON array of row objects");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw bad("第 " + (rows.size() + 1) + " 行不是 JSON 对象", "row " + (rows.size() + 1) + " is not a JSON object");
                }
                if (rows.size() == MAX_BATCH_ROWS) {
                    throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "一个批次最多 " + MAX_BATCH_ROWS + " 行，请分批发送 (at most "
                            + MAX_BATCH_ROWS + " rows per batch: split the delivery)");
                }
                Map<String, String> values = new LinkedHashMap<>();
                Row.Op op = Row.Op.UPSERT;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        throw bad("第 " + (rows.size() + 1) + " 行的“" + name + "”应为单个值", "row " + (rows.size() + 1) + ": '" + name + "' must be a single value");
                    }
                    String text = v == JsonToken.VALUE_NULL ? null : p.getText();
                    if (OP_FIELD.equals(name)) {
                        if ("delete".equalsIgnoreCase(text)) {
                            op = Row.Op.DELETE;
                        } else if (!"upsert".equalsIgnoreCase(text)) {
                            throw bad("第 " + (rows.size() + 1) + " 行的 @op 应为 upsert 或 delete", "row " + (rows.size() + 1) + ": @op must be upsert or delete");
                        }
                    } else {
                        values.put(name, text);
                    }
                }
                rows.add(new Row(op, values));
            }
            if (p.nextToken() != null) {
                throw bad("JSON 数组之后还有内容", "content after the JSON array");
            }
        }
        return rows;
    }

    private static ProblemException bad(String zh, String en) {
        return new ProblemException(ProblemType.BAD_REQUEST, zh + " (" + en + ")");
    }

    @GET
    @Path("entries/{cls}/{seq}/settings")
    @Operation(summary = "归集设置 (aggregation settings of an entry)")
    public CollectSettings settings(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        CatalogEntry e = monitored(security, cls, seq);
        return collect.settings(e.code());
    }

    @PUT
    @Path("entries/{cls}/{seq}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "设置主键、清洗规则和部分接收 (set key items, cleaning and partial acceptance)")
    public CollectSettings configure(@PathParam("cls") String cls, @PathParam("seq") String seq, CollectSettings body,
            @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        pep.enforce(new AccessRequest(s, Action.DATA_DELIVER, resource(e), null, null));
        if (body == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少设置内容 (settings required)");
        }
        return collect.configure(e.code(), body, s.id());
    }

    // ------------------------------------------------------------------ monitoring

    @GET
    @Path("entries/{cls}/{seq}/batches")
    @Operation(summary = "批次列表，最新在前 (batches, newest first)")
    public JsonNode batches(@PathParam("cls") String cls, @PathParam("seq") String seq,
            @QueryParam("offset") @DefaultValue("0") String offset, @QueryParam("limit") @DefaultValue("50") String limit,
            @Context SecurityContext security) {
        CatalogEntry e = monitored(security, cls, seq);
        return Json.tree(collect.batches(e.code(), (int) number("offset", offset, 0, Integer.MAX_VALUE), (int) number("limit", limit, 1, 500)));
    }

    @GET
    @Path("entries/{cls}/{seq}/batches/{batch}")
    @Operation(summary = "一个批次的结果 (the report of one batch)")
    public JsonNode batch(@PathParam("cls") String cls, @PathParam("seq") String seq, @PathParam("batch") String batch,
            @Context SecurityContext security) {
        CatalogEntry e = monitored(security, cls, seq);
        return Json.tree(collect.batch(e.code(), batch).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "没有批次 " + batch + " (no batch " + batch + ")")));
    }

    @GET
    @Path("entries/{cls}/{seq}/batches/{batch}/rejections")
    @Operation(summary = "批次中被拒绝的行及原因 (rejected rows of a batch with their reasons)")
    public List<RowRejection> rejections(@PathParam("cls") String cls, @PathParam("seq") String seq, @PathParam("batch") String batch,
            @QueryParam("offset") @DefaultValue("0") String offset, @QueryParam("limit") @DefaultValue("500") String limit,
            @Context SecurityContext security) {
        CatalogEntry e = monitored(security, cls, seq);
        collect.batch(e.code(), batch).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有批次 " + batch + " (no batch " + batch + ")"));
        return collect.rejections(e.code(), batch, (int) number("offset", offset, 0, Integer.MAX_VALUE), (int) number("limit", limit, 1, 5000));
    }

    @GET
    @Path("entries/{cls}/{seq}/history")
    @Operation(summary = "一条记录的全部历史状态 (every stored state of one record)", description = "key: the record's key values separated by '|'.")
    public JsonNode history(@PathParam("cls") String cls, @PathParam("seq") String seq, @QueryParam("key") String key,
            @Context SecurityContext security) {
        CatalogEntry e = monitored(security, cls, seq);
        if (key == null || key.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少主键 (key required)",
                    List.of(new Violation("key", "请给出记录的主键值，多个值以“|”分隔", "give the record's key values separated by '|'")));
        }
        return Json.tree(collect.history(e.code(), key));
    }

    @GET
    @Path("entries/{cls}/{seq}/freshness")
    @Operation(summary = "信息资源的数据时效 (freshness of an entry)")
    public JsonNode freshness(@PathParam("cls") String cls, @PathParam("seq") String seq, @Context SecurityContext security) {
        CatalogEntry e = monitored(security, cls, seq);
        return Json.tree(collect.freshness(e.code(), clock.instant()));
    }

    @GET
    @Path("freshness")
    @Operation(summary = "各信息资源的数据时效，过期在前 (freshness of every published entry, stale first)",
            description = "provider: a credit code; without it, every provider's entries (management department and supervisors only).")
    public JsonNode freshnessAll(@QueryParam("provider") String provider, @QueryParam("stale") String staleOnly,
            @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CreditCode p = null;
        if (provider != null && !provider.isBlank()) {
            try {
                p = CreditCode.parse(provider);
            } catch (InvalidIdentifierException ex) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, ex.getMessage(), List.of(new Violation("provider", ex.messageZh(), ex.messageEn())));
            }
        }
        pep.enforce(AccessRequest.of(s, Action.COLLECT_MONITOR, new Resource(null, p == null ? null : p.value(), null, null, null, true)));
        List<Freshness> all = collect.freshness(p, clock.instant());
        return Json.tree("true".equalsIgnoreCase(staleOnly) ? all.stream().filter(Freshness::stale).toList() : all);
    }

    // ------------------------------------------------------------------ reading

    /** A page of rows, masked for the reader. */
    public record RowPage(long total, long offset, long limit, List<String> columns, List<Map<String, String>> rows) {
    }

    @GET
    @Path("entries/{cls}/{seq}/rows")
    @Operation(summary = "按页读取数据 (read rows, a page at a time)", description = "route: open (default) or share; share needs purpose "
            + "(the legal duty served, Art. 24). Any other query parameter is an equality filter on the data item of that name.")
    public RowPage rows(@PathParam("cls") String cls, @PathParam("seq") String seq, @QueryParam("route") @DefaultValue("open") String route,
            @QueryParam("purpose") String purpose, @QueryParam("grant") String grant, @QueryParam("offset") @DefaultValue("0") String offset,
            @QueryParam("limit") @DefaultValue("100") String limit, @Context UriInfo uri, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        Permit permit = permitRead(s, e, route, purpose, grant, false);
        Map<String, String> filters = filters(uri);
        for (String item : filters.keySet()) {
            if (!permit.decision().covers(item)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "授权不包括信息项“" + item + "”，不能按其筛选 (the grant does not cover item '"
                        + item + "': it cannot be filtered on; Art. 24)");
            }
        }
        RowQuery q = new RowQuery(filters, number("offset", offset, 0, Long.MAX_VALUE), number("limit", limit, 1, RowQuery.MAX_PAGE));
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        governedRead(e, s, permit, purpose, grant, q, new RowSink() {
            @Override
            public void columns(List<Column> columns) {
                columns.forEach(c -> names.add(c.name()));
            }

            @Override
            public void row(String[] values) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    m.put(names.get(i), values[i]);
                }
                rows.add(m);
            }
        });
        return new RowPage(collect.count(e.code(), q), q.offset(), q.limit(), names, rows);
    }

    @GET
    @Path("entries/{cls}/{seq}/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON, XlsxRows.MEDIA_TYPE})
    @Operation(summary = "导出全部数据 (export every row, streamed)", description = "format: csv (default), json or xlsx (numbers as numbers; "
            + "a new sheet every 1,000,000 rows); route and purpose as for rows.")
    public Response export(@PathParam("cls") String cls, @PathParam("seq") String seq, @QueryParam("format") @DefaultValue("csv") String format,
            @QueryParam("route") @DefaultValue("open") String route, @QueryParam("purpose") String purpose, @QueryParam("grant") String grant,
            @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        CatalogEntry e = entry(cls, seq);
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("csv") && !fmt.equals("json") && !fmt.equals("xlsx")) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "不支持的导出格式 (unsupported export format)",
                    List.of(new Violation("format", "导出格式应为 csv、json 或 xlsx", "format must be csv, json or xlsx")));
        }
        Permit permit = permitRead(s, e, route, purpose, grant, true);
        String file = e.code().value().replace('/', '-') + "." + fmt;
        StreamingOutput body = out -> {
            if (fmt.equals("xlsx")) {
                XlsxRows.write(out, e.code().value(), sink -> governedRead(e, s, permit, purpose, grant, RowQuery.all(), sink));
            } else if (fmt.equals("csv")) {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                w.write('\uFEFF'); // so that spreadsheet programs read the Chinese text as UTF-8
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180);
                governedRead(e, s, permit, purpose, grant, RowQuery.all(), new RowSink() {
                    @Override
                    public void columns(List<Column> columns) throws IOException {
                        csv.printRecord(columns.stream().map(Column::name).toList());
                    }

                    @Override
                    public void row(String[] values) throws IOException {
                        csv.printRecord((Object[]) values);
                    }
                });
                csv.flush();
            } else {
                JsonGenerator g = JSON.createGenerator(out);
                g.writeStartArray();
                governedRead(e, s, permit, purpose, grant, RowQuery.all(), new RowSink() {
                    private List<String> names;

                    @Override
                    public void columns(List<Column> columns) {
                        names = columns.stream().map(Column::name).toList();
                    }

                    @Override
                    public void row(String[] masked) throws IOException {
                        g.writeStartObject();
                        for (int i = 0; i < masked.length; i++) {
                            g.writeStringField(names.get(i), masked[i]);
                        }
                        g.writeEndObject();
                    }
                });
                g.writeEndArray();
                g.flush();
            }
        };
        String type = switch (fmt) {
            case "csv" -> "text/csv; charset=UTF-8";
            case "xlsx" -> XlsxRows.MEDIA_TYPE;
            default -> MediaType.APPLICATION_JSON + "; charset=UTF-8";
        };
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /**
     * A permitted read: the route out and the items it may return. A grant limits a read to the
     * grant's items (Art. 24); other items are left out of pages and exports.
     */
    record Permit(Route route, Decision decision) {

        /** Positions of the columns the permit covers, in order. */
        int[] kept(List<Column> columns) {
            return java.util.stream.IntStream.range(0, columns.size()).filter(i -> decision.covers(columns.get(i).name())).toArray();
        }

        static String[] project(String[] values, int[] kept) {
            if (kept.length == values.length) {
                return values;
            }
            String[] out = new String[kept.length];
            for (int i = 0; i < kept.length; i++) {
                out[i] = values[kept[i]];
            }
            return out;
        }
    }

    /** Asks the policy enforcement point for a read by the route asked for. */
    private Permit permitRead(Subject s, CatalogEntry e, String route, String purpose, String grant, boolean download) {
        return switch (route.toLowerCase(Locale.ROOT)) {
            case "open" -> {
                Route r = download ? Route.OPEN_DOWNLOAD : Route.OPEN_API;
                yield new Permit(r, pep.enforce(new AccessRequest(s, Action.OPEN_DATA_READ, resource(e), purpose, grant, r)));
            }
            case "share" -> {
                Route r = download ? Route.SHARE_DOWNLOAD : Route.SHARE_API;
                yield new Permit(r, pep.enforce(new AccessRequest(s, Action.SHARE_DATA_READ, resource(e), purpose, grant, r)));
            }
            default -> throw new ProblemException(ProblemType.VALIDATION_FAILED, "route 应为 open 或 share (route must be open or share)",
                    List.of(new Violation("route", "取值“" + route + "”无法识别", "unknown value '" + route + "'")));
        };
    }

    /**
     * Reads rows as the permit allows: masked for the reader and route, limited to the permitted items
     * and, on a share route, fingerprinted for the grant or agency they go to (Art. 24). {@code out} sees
     * the delivered columns and rows only.
     */
    private void governedRead(CatalogEntry e, Subject s, Permit permit, String purpose, String grant, RowQuery q, RowSink out) {
        RowMarker m = permit.route() == Route.SHARE_API || permit.route() == Route.SHARE_DOWNLOAD ? marker : null;
        RowMarker.Marking[] marking = new RowMarker.Marking[1];
        long[] n = new long[1];
        // a grant's read fetches (and decrypts) the granted items only
        collect.read(e.code(), q.permittedBy(e, permit.decision()), new RowSink() {
            private int[] kept;
            private MaskingPolicy.MaskPlan plan;

            @Override
            public void columns(List<Column> columns) throws IOException {
                kept = permit.kept(columns);
                plan = plan(columns, s, permit);
                List<Column> delivered = java.util.Arrays.stream(kept).mapToObj(columns::get).toList();
                marking[0] = m == null ? null : m.start(e.code().value(), s, permit.route(), blankToNull(grant), purpose, delivered);
                out.columns(delivered);
            }

            @Override
            public void row(String[] values) throws IOException {
                String[] v = Permit.project(plan.apply(values), kept);
                if (marking[0] != null) {
                    v = marking[0].mark(v);
                }
                n[0]++;
                out.row(v);
            }
        });
        if (marking[0] != null) {
            marking[0].finished(n[0]);
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The masking plan for the columns read, reader and route; items a grant names are marked granted (Art. 24). */
    private MaskingPolicy.MaskPlan plan(List<Column> columns, Subject s, Permit permit) {
        Decision d = permit.decision();
        List<ItemClass> items = columns.stream().map(Column::item)
                .map(i -> new ItemClass(i.name(), i.sensitiveType().name(), i.grade().toString(), d.items() != null && d.items().contains(i.name())))
                .toList();
        return masking.plan(items, s, permit.route());
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("route", "purpose", "grant", "offset", "limit", "format");

    private static Map<String, String> filters(UriInfo uri) {
        Map<String, String> out = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!RESERVED.contains(k) && !v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private CatalogEntry monitored(SecurityContext security, String cls, String seq) {
        CatalogEntry e = entry(cls, seq);
        pep.enforce(AccessRequest.of(Subject.of(security.getUserPrincipal()), Action.COLLECT_MONITOR, resource(e)));
        return e;
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

    static Resource resource(CatalogEntry e) {
        return new Resource(e.code().value(), e.provider().value(), Resource.Open.valueOf(e.openType().name()),
                Resource.Share.valueOf(e.shareType().name()), e.grade().toString(), e.status() == EntryStatus.PUBLISHED);
    }

    private static long number(String field, String text, long min, long max) {
        try {
            long v = Long.parseLong(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED, field + " 无效 (invalid " + field + ")", List.of(new Violation(field,
                "应为 " + min + " 到 " + max + " 之间的整数", "must be an integer from " + min + " to " + max)));
    }

}
