package org.poyang.catalog.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * Catalog entries over HTTP and SOAP: creation with every rule checked, Art. 12 across entries, the
 * lifecycle with versions and differences, Art. 17 para 3 on opening, search per audience, bulk
 * import all-or-nothing, export. Every run uses fresh agencies and item names, because the test data
 * directory outlives a run.
 */
class CatalogEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCIES = "/api/catalog/agencies";
    private static final String ENTRIES = "/api/catalog/entries";
    private static final String IMPORT = "/api/catalog/import";

    @InjectBundleContext
    BundleContext context;

    @org.osgi.test.common.annotation.InjectService(timeout = 60_000)
    org.poyang.security.api.AuditTrail audit;

    @org.osgi.test.common.annotation.InjectService(timeout = 60_000)
    org.poyang.security.api.AccountService accounts;

    @org.osgi.test.common.annotation.InjectService(timeout = 60_000)
    org.poyang.security.api.Authenticator authenticator;

    private Identities people;
    private String reviewerToken;
    private String officerToken;

    private final HttpClient client = HttpClient.newHttpClient();
    private final Random random = new Random();
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    private String base;
    private String provider;
    private String collector;

    @BeforeEach
    void ready() throws Exception {
        base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (get(ENTRIES + "/vocabularies").statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        people = new Identities(accounts, authenticator, run);
        reviewerToken = people.reviewer(creditCode("360000"));
        provider = agency("南昌市数据局" + run, "360100", "CITY");
        collector = agency("江西省公安厅" + run, "360000", "PROVINCE");
        officerToken = people.officer(provider);
    }

    /** A fresh agency with a valid GB 32100 code (organisation code part checked per GB 11714). */
    private String agency(String name, String region, String level) throws Exception {
        String code = creditCode(region);
        HttpResponse<String> r = post(AGENCIES, "{\"creditCode\":\"" + code + "\",\"name\":\"" + name + "\",\"regionCode\":\"" + region
                + "\",\"level\":\"" + level + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return code;
    }

    private String creditCode(String region) {
        return Identities.creditCode(random, region);
    }

    /** Reads as the provider's data officer (who sees the open and share catalogs and the agency's drafts). */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, officerToken);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Writes as the person whose job it is (Art. 6, 9): the reviewer registers agencies, publishes,
     * returns and withdraws published entries; the provider's data officer does the rest.
     */
    private HttpResponse<String> send(String method, String path, String type, String body) throws IOException, InterruptedException {
        return send(method, path, type, body, tokenFor(method, path));
    }

    private String tokenFor(String method, String path) throws IOException, InterruptedException {
        if (path.startsWith(AGENCIES) || path.endsWith("/publish") || path.endsWith("/return")) {
            return reviewerToken;
        }
        if (path.endsWith("/withdraw")) {
            HttpResponse<String> entry = get(path.substring(0, path.length() - "/withdraw".length()));
            return entry.body().contains("\"status\":\"PUBLISHED\"") ? reviewerToken : officerToken;
        }
        return officerToken;
    }

    private HttpResponse<String> send(String method, String path, String type, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, "application/json", json);
    }

    private ObjectNode item(String name, String grade, String sensitive, String collectingAgency) {
        ObjectNode i = JSON.createObjectNode();
        i.put("name", name).put("dataType", "STRING").put("length", "50").put("grade", grade).put("collectingAgency", collectingAgency);
        if (sensitive != null) {
            i.put("sensitiveType", sensitive).put("identifiesPerson", "true");
        }
        return i;
    }

    private ObjectNode draft(String name, String summary, ObjectNode... items) {
        ObjectNode d = JSON.createObjectNode();
        d.put("classification", "101001").put("name", name).put("provider", provider).put("summary", summary)
                .put("format", "DATABASE").put("shareType", "UNCONDITIONAL").put("shareMethod", "API").put("openType", "UNCONDITIONAL")
                .put("updateFrequency", "DAILY").put("scope", "360100").put("baseDatabase", "LEGAL_PERSON");
        d.putArray("keywords").add("企业").add("登记");
        ArrayNode a = d.putArray("items");
        for (ObjectNode i : items) {
            a.add(i);
        }
        return d;
    }

    private JsonNode created(ObjectNode draft) throws Exception {
        HttpResponse<String> r = post(ENTRIES, draft.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private JsonNode act(String code, String action, String reason) throws Exception {
        HttpResponse<String> r = post(ENTRIES + "/" + code + "/" + action, reason == null ? "{}" : "{\"reason\":\"" + reason + "\"}");
        assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private String officerLogin() {
        return people.officerLogin(provider);
    }

    private List<String> providerEntries() throws Exception {
        return JSON.readTree(get(ENTRIES + "?provider=" + provider + "&limit=200").body()).findValuesAsText("code");
    }

    @Test
    void createdDraftGetsAGeneratedCodeVersionOneAndTheGradeOfItsMostSensitiveItemArt8And9() throws Exception {
        JsonNode e = created(draft("企业登记信息" + run, "南昌市企业登记事项", item("企业名称" + run, "GENERAL_1", null, collector),
                item("注册资本" + run, "GENERAL_3", null, collector)));
        assertThat(e.path("code").asText()).matches("101001/\\d{6}");
        assertThat(e.path("status").asText()).isEqualTo("DRAFT");
        assertThat(e.path("version").asInt()).isEqualTo(1);
        assertThat(e.path("grade").asText()).isEqualTo("GENERAL_3");
        assertThat(e.path("updatedBy").asText()).isEqualTo(officerLogin());
        JsonNode again = created(draft("企业变更信息" + run, "变更", item("企业名称" + run, "GENERAL_1", null, collector)));
        assertThat(again.path("code").asText()).isNotEqualTo(e.path("code").asText());
    }

    @Test
    void invalidDraftIsRefusedWithEveryViolationAndNothingStoredArt8And17And22() throws Exception {
        List<String> before = providerEntries();
        ObjectNode bad = draft("", "摘".repeat(2001), item("经营异常原因" + run, "IMPORTANT", null, collector));
        bad.put("shareType", "CONDITIONAL").put("openType", "SOMETIMES").put("grade", "GENERAL_1").put("scope", "99");
        HttpResponse<String> r = post(ENTRIES, bad.toString());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("violations").findValuesAsText("field")).contains("name", "summary", "legalBasis", "shareConditions",
                "openType", "grade", "scope");
        assertThat(providerEntries()).isEqualTo(before);
    }

    @Test
    void art12ASecondCollectorForTheSameItemIsRefusedNamingBothEntries() throws Exception {
        String itemName = "公民身份号码" + run;
        JsonNode first = created(draft("户籍人口信息" + run, "户籍人口基本信息", item(itemName, "IMPORTANT", "ID_NUMBER", collector))
                .put("openType", "NOT_OPEN"));
        ObjectNode second = draft("社保参保信息" + run, "参保人员信息", item(itemName, "IMPORTANT", "ID_NUMBER", provider));
        second.put("openType", "NOT_OPEN");
        HttpResponse<String> r = post(ENTRIES, second.toString());
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode v = JSON.readTree(r.body()).path("violations").get(0);
        assertThat(v.path("field").asText()).isEqualTo("items[1].collectingAgency");
        assertThat(v.path("message").asText()).contains(first.path("code").asText()).contains("户籍人口信息" + run)
                .contains("社保参保信息" + run).contains("第十二条");
        // the same collector is fine
        created(draft("社保参保信息" + run, "参保人员信息", item(itemName, "IMPORTANT", "ID_NUMBER", collector)).put("openType", "NOT_OPEN"));
    }

    @Test
    void lifecycleKeepsEveryVersionWithWhoWhenWhyAndComparesThemArt9() throws Exception {
        JsonNode e = created(draft("空气质量监测数据" + run, "全市空气质量自动监测站逐小时数据", item("监测站点" + run, "GENERAL_1", null, provider)));
        String code = e.path("code").asText();
        // publishing a draft skips review: refused
        HttpResponse<String> skip = post(ENTRIES + "/" + code + "/publish", "{}");
        assertThat(skip.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(skip.body()).path("type").asText()).isEqualTo("urn:poyang:problem:catalog-illegal-transition");

        act(code, "submit", null);
        HttpResponse<String> noReason = post(ENTRIES + "/" + code + "/return", "{}");
        assertThat(noReason.statusCode()).isEqualTo(422);
        act(code, "return", "摘要过于简略");
        act(code, "submit", null);
        JsonNode published = act(code, "publish", null);
        assertThat(published.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.path("publishedOn").asText()).isNotEmpty();
        int v = published.path("version").asInt();

        ObjectNode change = JSON.createObjectNode();
        change.put("expectedVersion", v);
        change.set("entry", draft("空气质量监测数据" + run, "全市空气质量自动监测站逐小时数据", item("监测站点" + run, "GENERAL_1", null, provider))
                .put("updateFrequency", "REAL_TIME"));
        HttpResponse<String> withoutReason = send("PUT", ENTRIES + "/" + code, "application/json", change.toString());
        assertThat(withoutReason.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(withoutReason.body()).path("violations").findValuesAsText("field")).containsExactly("reason");

        change.put("reason", "监测改为实时推送");
        HttpResponse<String> changed = send("PUT", ENTRIES + "/" + code, "application/json", change.toString());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("version").asInt()).isEqualTo(v + 1);
        assertThat(JSON.readTree(changed.body()).path("status").asText()).isEqualTo("PUBLISHED");

        HttpResponse<String> stale = send("PUT", ENTRIES + "/" + code, "application/json", change.toString());
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).path("type").asText()).isEqualTo("urn:poyang:problem:catalog-version-conflict");

        JsonNode versions = JSON.readTree(get(ENTRIES + "/" + code + "/versions").body());
        assertThat(versions.findValuesAsText("action")).containsExactly("CREATE", "SUBMIT", "RETURN", "SUBMIT", "PUBLISH", "UPDATE");
        assertThat(versions.get(2).path("reason").asText()).isEqualTo("摘要过于简略");
        assertThat(versions.get(5).path("reason").asText()).isEqualTo("监测改为实时推送");
        assertThat(versions.get(5).path("actor").asText()).isEqualTo(officerLogin());

        JsonNode old = JSON.readTree(get(ENTRIES + "/" + code + "/versions/1").body());
        assertThat(old.path("entry").path("status").asText()).isEqualTo("DRAFT");
        JsonNode diff = JSON.readTree(get(ENTRIES + "/" + code + "/diff?from=" + v + "&to=" + (v + 1)).body());
        assertThat(diff.path("differences")).singleElement().satisfies(d -> {
            assertThat(d.path("path").asText()).isEqualTo("updateFrequency");
            assertThat(d.path("before").asText()).isEqualTo("DAILY");
            assertThat(d.path("after").asText()).isEqualTo("REAL_TIME");
        });

        assertThat(post(ENTRIES + "/" + code + "/withdraw", "{}").statusCode()).isEqualTo(422);
        assertThat(act(code, "withdraw", "数据源停止采集").path("status").asText()).isEqualTo("WITHDRAWN");

        // Art. 30: every administrative action is on the audit trail, with who and why
        assertThat(audit.search(null, code, null, null, null, 0, 100)).extracting(r -> r.event().action() + " " + r.event().subject())
                .containsExactly("catalog.entry.create " + officerLogin(), "catalog.entry.submit " + officerLogin(),
                        "catalog.entry.return " + people.login("reviewer"), "catalog.entry.submit " + officerLogin(),
                        "catalog.entry.publish " + people.login("reviewer"), "catalog.entry.update " + officerLogin(),
                        "catalog.entry.withdraw " + people.login("reviewer"));
        assertThat(audit.verify().intact()).isTrue();
        assertThat(post(ENTRIES + "/" + code + "/submit", "{}").statusCode()).isEqualTo(409);
    }

    @Test
    void art17Para3ANotOpenEntryOpensOnlyWithARecordedBasis() throws Exception {
        JsonNode e = created(draft("不动产登记信息" + run, "不动产权利登记", item("不动产单元号" + run, "GENERAL_2", null, provider))
                .put("openType", "NOT_OPEN"));
        String code = e.path("code").asText();
        ObjectNode change = JSON.createObjectNode();
        change.put("expectedVersion", 1);
        ObjectNode open = draft("不动产登记信息" + run, "不动产权利登记", item("不动产单元号" + run, "GENERAL_2", null, provider));
        change.set("entry", open);
        HttpResponse<String> refused = send("PUT", ENTRIES + "/" + code, "application/json", change.toString());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("violations").findValuesAsText("field")).containsExactly("openBasis");
        open.put("openBasis", "DESENSITISED").put("openBasisNote", "赣数脱敏〔2026〕" + run + "号");
        HttpResponse<String> ok = send("PUT", ENTRIES + "/" + code, "application/json", change.toString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("openBasis").asText()).isEqualTo("DESENSITISED");
    }

    @Test
    void chineseSearchFindsPublishedEntriesPerAudienceWithFacetsArt17And22() throws Exception {
        String word = "鄱阳湖候鸟";
        JsonNode open = created(draft("候鸟监测信息" + run, word + "越冬种群数量与分布的监测记录", item("观测点位" + run, "GENERAL_1", null, provider)));
        JsonNode closed = created(draft("候鸟保护执法信息" + run, word + "保护区执法巡查记录", item("巡查人员" + run, "GENERAL_2", null, provider))
                .put("openType", "NOT_OPEN"));
        JsonNode draftOnly = created(draft("候鸟栖息地草稿" + run, word + "栖息地调查", item("栖息地" + run, "GENERAL_1", null, provider)));
        for (JsonNode e : List.of(open, closed)) {
            act(e.path("code").asText(), "submit", null);
            act(e.path("code").asText(), "publish", null);
        }
        // this run's provider narrows the search to this run's entries; the words come from the abstracts
        String q = java.net.URLEncoder.encode("候鸟", StandardCharsets.UTF_8);
        String byWord = ENTRIES + "/search?q=" + q + "&provider=" + provider;
        // results follow who is asking: the public sees the open catalog, an agency the share catalog
        JsonNode publicView = JSON.readTree(get(byWord, null).body());
        assertThat(publicView.path("hits").findValuesAsText("code")).containsExactly(open.path("code").asText());
        assertThat(JSON.readTree(get(byWord + "&catalog=open").body()).path("hits").findValuesAsText("code"))
                .containsExactly(open.path("code").asText());
        assertThat(JSON.readTree(get(byWord).body()).path("hits").findValuesAsText("code"))
                .as("an agency's officer asking without catalog=").containsExactlyInAnyOrder(open.path("code").asText(), closed.path("code").asText());
        JsonNode shareView = JSON.readTree(get(byWord + "&catalog=share").body());
        assertThat(shareView.path("hits").findValuesAsText("code"))
                .containsExactlyInAnyOrder(open.path("code").asText(), closed.path("code").asText())
                .doesNotContain(draftOnly.path("code").asText());
        assertThat(shareView.path("facets").path("openType").path("NOT_OPEN").asLong()).isEqualTo(1);
        assertThat(shareView.path("facets").path("provider").path(provider).asLong()).isEqualTo(2);
        JsonNode filtered = JSON.readTree(get(byWord + "&catalog=share&openType=NOT_OPEN").body());
        assertThat(filtered.path("hits").findValuesAsText("code")).containsExactly(closed.path("code").asText());
        assertThat(get(ENTRIES + "/search?q=" + q + "&catalog=everything").statusCode()).isEqualTo(422);
    }

    private String row(String name, String summary, String shareType, String conditions, String basis, String openType, String item) {
        return "201001," + name + "," + provider + "," + summary + ",接口服务," + shareType + "," + conditions + ",接口调用," + basis + ","
                + openType + ",每日,360100," + item + ",字符型,50,一般数据（1级）," + provider + "\n";
    }

    private String continuation(String item) {
        return ",,,,,,,,,,,," + item + ",字符型,50,一般数据（1级）," + provider + "\n";
    }

    @Test
    void bulkImportStoresAllRowsOrNoneWithARowByRowReport() throws Exception {
        String header = "资源分类代码,信息资源名称,提供方统一社会信用代码,信息资源摘要,资源格式,共享属性,共享条件,共享方式,共享依据,开放属性,更新周期,目录范围,"
                + "信息项名称,数据类型,数据长度,信息项分级,法定采集部门统一社会信用代码\n";
        String bad = header
                + row("停车场信息" + run, "停车场", "无条件共享", "", "", "无条件开放", "停车场名称" + run)
                + row("充电桩信息" + run, "充电桩", "有条件共享", "", "", "偶尔开放", "充电桩编号" + run);
        List<String> before = providerEntries();
        HttpResponse<String> refused = send("POST", IMPORT, "text/csv", bad);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        List<String> fields = JSON.readTree(refused.body()).path("violations").findValuesAsText("field");
        assertThat(fields).containsExactlyInAnyOrder("row 3.legalBasis", "row 3.shareConditions", "row 3.openType");
        assertThat(providerEntries()).as("a refused import stores nothing").isEqualTo(before);

        String good = header
                + row("公交线路信息" + run, "公交线路与站点", "无条件共享", "", "", "无条件开放", "线路名称" + run)
                + continuation("站点名称" + run)
                + row("客运站点信息" + run, "客运站点分布", "有条件共享", "仅限交通管理用途", "《江西省公共数据管理办法》第二十二条", "无条件开放",
                        "客运站名称" + run);
        HttpResponse<String> ok = send("POST", IMPORT, "text/csv", good);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        JsonNode report = JSON.readTree(ok.body());
        assertThat(report.path("imported").asInt()).isEqualTo(2);
        JsonNode bus = JSON.readTree(get(ENTRIES + "/" + report.path("codes").get(0).asText()).body());
        assertThat(bus.path("items").findValuesAsText("name")).containsExactly("线路名称" + run, "站点名称" + run);
        assertThat(bus.path("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void exportsCsvXlsxAndDcatOfThePublishedOpenCatalog() throws Exception {
        JsonNode e = created(draft("气象预警信息" + run, "气象灾害预警信号发布记录", item("预警信号" + run, "GENERAL_1", null, provider)));
        String code = e.path("code").asText();
        act(code, "submit", null);
        act(code, "publish", null);
        HttpResponse<String> csv = get(ENTRIES + "/export?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains(code).contains("气象预警信息" + run).contains("预警信号" + run);
        HttpResponse<byte[]> xlsx = client.send(HttpRequest.newBuilder(URI.create(base + ENTRIES + "/export?format=xlsx")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        JsonNode dcat = JSON.readTree(get(ENTRIES + "/export?format=dcat").body());
        JsonNode dataset = null;
        for (JsonNode d : dcat.findValues("dcat:dataset").get(0)) {
            if (d.path("dct:identifier").asText().equals(code)) {
                dataset = d;
            }
        }
        assertThat(dataset).as("dataset " + code + " in DCAT export").isNotNull();
        assertThat(dataset.path("dct:accrualPeriodicity").path("@id").asText())
                .isEqualTo("http://publications.europa.eu/resource/authority/frequency/DAILY");
        assertThat(dataset.path("dct:accessRights").path("@id").asText()).endsWith("/access-right/PUBLIC");
        assertThat(get(ENTRIES + "/export?format=pdf").statusCode()).isEqualTo(422);
    }

    @Test
    void badParametersAre422NamingTheParameterNever404Or500() throws Exception {
        JsonNode e = created(draft("参数校验" + run, "参数", item("参数项" + run, "GENERAL_1", null, provider)));
        String code = e.path("code").asText();
        for (String[] c : new String[][] {{ENTRIES + "?provider=" + provider + "&limit=abc", "limit"},
            {ENTRIES + "?provider=" + provider + "&offset=-5", "offset"},
            {ENTRIES + "/search?q=x&offset=2147483647", "offset"}, {ENTRIES + "/search?limit=0", "limit"},
            {ENTRIES + "/" + code + "/versions/abc", "version"}, {ENTRIES + "/" + code + "/diff?from=abc&to=1", "from"},
            {ENTRIES + "/" + code + "/diff?from=1", "to"}, {ENTRIES + "/search?q=" + "字".repeat(101), "q"},
            {ENTRIES + "/search?format=" + String.join("&format=", java.util.Collections.nCopies(21, "API")), "format"}}) {
            HttpResponse<String> r = get(c[0]);
            assertThat(r.statusCode()).as(c[0] + " " + r.body()).isEqualTo(422);
            assertThat(JSON.readTree(r.body()).path("violations").findValuesAsText("field")).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void anAbandonedDraftIsWithdrawnWithAReasonAndFreesItsItemsArt12() throws Exception {
        String itemName = "废弃草稿项" + run;
        JsonNode e = created(draft("废弃草稿" + run, "草稿", item(itemName, "GENERAL_1", null, collector)));
        String code = e.path("code").asText();
        assertThat(post(ENTRIES + "/" + code + "/withdraw", "{}").statusCode()).isEqualTo(422);
        assertThat(act(code, "withdraw", "重复编目").path("status").asText()).isEqualTo("WITHDRAWN");
        created(draft("另一条目" + run, "另一条目", item(itemName, "GENERAL_1", null, provider)));
    }

    @Test
    void soapServesPublishedEntriesAndFaultsOnBadCodes() throws Exception {
        JsonNode e = created(draft("学校名录" + run, "全市中小学校名录 " + run, item("学校名称" + run, "GENERAL_1", null, provider)));
        String code = e.path("code").asText();
        assertThat(get("/soap/catalog?wsdl").body()).contains("urn:poyang:catalog:1").contains("getEntry").contains("search");
        String draftRead = soap("<c:getEntry><code>" + code + "</code></c:getEntry>");
        assertThat(draftRead).contains("Fault").contains("not-found");
        act(code, "submit", null);
        act(code, "publish", null);
        String read = soap("<c:getEntry><code>" + code + "</code></c:getEntry>");
        assertThat(read).contains("<code>" + code + "</code>").contains("学校名称" + run);
        // the run id is one token in this run's abstract only, so the hit does not depend on earlier runs' data
        String found = soap("<c:search><text>中小学校 " + run + "</text><catalog>share</catalog><offset>0</offset><limit>20</limit></c:search>");
        assertThat(found).contains(code).contains("<total>1</total>");
        String badPaging = soap("<c:search><text>学校</text><catalog>share</catalog><offset>-1</offset><limit>999</limit></c:search>");
        assertThat(badPaging).contains("Fault").contains("validation-failed").contains("<field>offset</field>").contains("<field>limit</field>");
        String versions = soap("<c:listVersions><code>" + code + "</code></c:listVersions>");
        assertThat(versions).contains("PUBLISH").doesNotContain("<action>CREATE</action>").doesNotContain("<action>SUBMIT</action>");
        assertThat(soap("<c:getEntry><code>not-a-code</code></c:getEntry>")).contains("Fault").contains("validation-failed");
    }

    /** Asserts a denial: the status, the problem type, the article, and none of the entry's data. */
    private void denied(HttpResponse<String> r, int status, String article, String secret) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("type").asText()).isEqualTo(status == 401 ? "urn:poyang:problem:unauthorized" : "urn:poyang:problem:forbidden");
        assertThat(p.path("detail").asText()).contains(article);
        assertThat(r.body()).doesNotContain(secret);
        if (status == 401) {
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
    }

    /**
     * Who may do what with the catalog (Art. 6, 9, 17, 21, 39): each endpoint with anonymous,
     * wrong-agency, wrong-role, suspended and forged credentials, and with the right ones.
     */
    @Test
    void everyCatalogEndpointAnswersOnlyThoseWhoseJobItIs() throws Exception {
        String summary = "仅供授权人员查看的摘要" + run;
        JsonNode e = created(draft("权限矩阵" + run, summary, item("矩阵项" + run, "GENERAL_1", null, provider)));
        String code = e.path("code").asText();
        String entry = ENTRIES + "/" + code;
        String otherAgency = agency("江西省交通运输厅" + run, "360000", "PROVINCE");
        String otherOfficer = people.officer(otherAgency);
        String clerk = people.clerk(provider);
        String citizen = people.citizen();
        String forged = "pys_" + "A".repeat(43);
        String draftJson = draft("矩阵新建" + run, "x", item("矩阵新建项" + run, "GENERAL_1", null, provider)).toString();

        // a draft: its provider and the management department only
        denied(get(entry, null), 401, "Art. 9", summary);
        denied(get(entry, citizen), 403, "Art. 9", summary);
        denied(get(entry, otherOfficer), 403, "Art. 9", summary);
        denied(get(entry + "/versions", otherOfficer), 403, "Art. 9", summary);
        denied(get(ENTRIES + "?provider=" + provider, otherOfficer), 403, "Art. 9", summary);
        denied(get(ENTRIES, officerToken), 403, "Art. 9", summary);
        assertThat(get(entry, clerk).statusCode()).isEqualTo(200);
        assertThat(get(entry, reviewerToken).statusCode()).isEqualTo(200);
        assertThat(get(ENTRIES + "?provider=" + provider, reviewerToken).statusCode()).isEqualTo(200);
        denied(get(entry, forged), 401, "", summary);

        // writing: the provider's data officers; reviewing: the management department's reviewers
        denied(send("POST", ENTRIES, "application/json", draftJson, null), 401, "Art. 6, 9", summary);
        denied(send("POST", ENTRIES, "application/json", draftJson, otherOfficer), 403, "Art. 6, 9", summary);
        denied(send("POST", ENTRIES, "application/json", draftJson, clerk), 403, "Art. 6, 9", summary);
        denied(send("POST", ENTRIES, "application/json", draftJson, reviewerToken), 403, "Art. 6, 9", summary);
        denied(send("POST", entry + "/submit", "application/json", "{}", otherOfficer), 403, "Art. 6, 9", summary);
        act(code, "submit", null);
        denied(send("POST", entry + "/publish", "application/json", "{}", officerToken), 403, "Art. 9", summary);
        denied(send("POST", AGENCIES, "application/json", "{}", officerToken), 403, "Art. 9", summary);
        denied(send("POST", IMPORT, "text/csv", "x", citizen), 403, "Art. 6, 9", summary);
        denied(send("POST", IMPORT, "text/csv", "x", null), 401, "Art. 6, 9", summary);
        act(code, "publish", null);

        // published: the open catalog for everyone, the share catalog for agencies
        assertThat(get(entry, null).statusCode()).isEqualTo(200);
        assertThat(get(ENTRIES + "/search?q=" + java.net.URLEncoder.encode("权限矩阵" + run, StandardCharsets.UTF_8), null).statusCode())
                .isEqualTo(200);
        denied(get(ENTRIES + "/search?catalog=share&q=x", null), 401, "Art. 21, 23", summary);
        denied(get(ENTRIES + "/search?catalog=share&q=x", citizen), 403, "Art. 21, 23", summary);
        denied(get(ENTRIES + "/export?catalog=share", citizen), 403, "Art. 21, 23", summary);
        assertThat(get(ENTRIES + "/search?catalog=share&q=x", otherOfficer).statusCode()).isEqualTo(200);
        assertThat(soap("<c:search><text>x</text><catalog>share</catalog><offset>0</offset><limit>5</limit></c:search>", null))
                .contains("Fault").contains("unauthorized");
        assertThat(soap("<c:search><text>x</text><catalog>open</catalog><offset>0</offset><limit>5</limit></c:search>", null))
                .doesNotContain("Fault");

        // a legacy system authenticates with a WS-Security UsernameToken (PasswordText, with nonce and time)
        String shareSearch = "<c:search><text>权限矩阵 " + run + "</text><catalog>share</catalog><offset>0</offset><limit>5</limit></c:search>";
        String legacy = soapWss(shareSearch, officerLogin(), Identities.PASSWORD, true);
        assertThat(legacy).doesNotContain("Fault").contains(code);
        assertThat(soapWss(shareSearch, officerLogin(), Identities.PASSWORD, false)).doesNotContain("Fault").contains(code);
        String wrong = soapWss(shareSearch, officerLogin(), "Wrong-Password-1!", true);
        assertThat(wrong).contains("Fault").contains("unauthorized").doesNotContain(code);
        assertThat(soapWss(shareSearch, people.login("citizen"), Identities.PASSWORD, true)).contains("Fault").contains("forbidden")
                .contains("Art. 21");

        // Art. 39: a suspended officer is denied everything at once, reads included
        org.poyang.security.api.Account officer = accounts.findByLogin(officerLogin()).orElseThrow();
        accounts.setStatus(officer.id(), org.poyang.security.api.Account.Status.SUSPENDED, "越权编目，责令整改", "supervisor-" + run);
        try {
            denied(get(entry, officerToken), 403, "Art. 39", "\"summary\"");
            denied(send("POST", ENTRIES, "application/json", draftJson, officerToken), 403, "Art. 39", summary);
            assertThat(soap("<c:search><text>x</text><catalog>share</catalog><offset>0</offset><limit>5</limit></c:search>"))
                    .contains("Fault").contains("forbidden");
        } finally {
            accounts.setStatus(officer.id(), org.poyang.security.api.Account.Status.ACTIVE, "已整改", "supervisor-" + run);
        }
        assertThat(get(entry, officerToken).statusCode()).isEqualTo(200);

        // Art. 30: the denials are on the audit trail with the article
        assertThat(audit.search(officerLogin(), null, org.poyang.security.api.AuditEvent.Outcome.DENY, null, null, 0, 1000))
                .extracting(r -> r.event().detail()).anyMatch(d -> d.contains("Art. 39"));
        assertThat(audit.search("anonymous", code, org.poyang.security.api.AuditEvent.Outcome.DENY, null, null, 0, 1000)).isNotEmpty();
    }

    private String soap(String body) throws Exception {
        return soap(body, officerToken);
    }

    /** A SOAP call as a legacy system makes it: credentials in a WS-Security UsernameToken, none in HTTP. */
    private String soapWss(String body, String login, String password, boolean nonceAndCreated) throws Exception {
        String wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
        String wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:c=\"urn:poyang:catalog:1\">"
                + "<soap:Header><wsse:Security soap:mustUnderstand=\"1\" xmlns:wsse=\"" + wsse + "\" xmlns:wsu=\"" + wsu + "\">"
                + "<wsse:UsernameToken wsu:Id=\"UT-1\"><wsse:Username>" + login + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">"
                + password + "</wsse:Password>"
                + (nonceAndCreated ? "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                        + java.util.Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + java.time.Instant.now()
                        + "</wsu:Created>" : "")
                + "</wsse:UsernameToken></wsse:Security></soap:Header><soap:Body>" + body + "</soap:Body></soap:Envelope>";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/soap/catalog"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.body();
    }

    private String soap(String body, String token) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:c=\"urn:poyang:catalog:1\">"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/soap/catalog"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.body();
    }
}
