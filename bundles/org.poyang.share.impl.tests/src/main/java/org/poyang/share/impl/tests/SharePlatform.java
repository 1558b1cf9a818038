package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;

/**
 * What every sharing test needs, set up once per framework run over HTTP the way people do it: the
 * management department, a providing agency A and two using agencies B and C registered by a catalog
 * reviewer, and three published entries of agency A with rows delivered, one of each share type
 * (Art. 22, 23):
 * <ul>
 * <li>{@link #unconditional}: 无条件共享, 50 rows;</li>
 * <li>{@link #conditional}: 有条件共享, {@value #ROWS} rows of subsidy records with personal items, two decimal
 * items that carry the fingerprint, a date and an integer;</li>
 * <li>{@link #notShared}: 不予共享, 20 rows.</li>
 * </ul>
 */
final class SharePlatform {

    /** Rows of {@link #conditional}. */
    static final int ROWS = 1000;

    final String run;
    final Http http;
    final Identities people;
    final String bureau;
    final String reviewer;
    final String agencyA;
    final String agencyB;
    final String agencyC;
    final String officerA;
    final String officerB;
    final String officerC;

    final String unconditional;
    final String conditional;
    final String notShared;
    /** An unconditionally shared entry of agency A without rows, filled by the pull test (same items as {@link #unconditional}). */
    final String pulled;

    /** Items of {@link #unconditional}. */
    final String uCode;
    final String uName;
    final String uAmount;
    /** Items of {@link #conditional}, key first. */
    final String household;
    final String holder;
    final String idNumber;
    final String subsidy;
    final String area;
    final String paidOn;
    final String members;
    /** Items of {@link #notShared}. */
    final String caseNo;
    final String fine;

    /** Rows delivered to {@link #conditional}, item to value. */
    final List<Map<String, String>> conditionalRows;

    private static SharePlatform instance;

    static synchronized SharePlatform get(BundleContext context, AccountService accounts, Authenticator authenticator) throws Exception {
        if (instance == null) {
            instance = new SharePlatform(context, accounts, authenticator);
        }
        return instance;
    }

    private SharePlatform(BundleContext context, AccountService accounts, Authenticator authenticator) throws Exception {
        run = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        http = new Http("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port"));
        awaitEndpoints();
        people = new Identities(accounts, authenticator, run);
        Random codes = new Random();
        bureau = Identities.creditCode(codes, "360000");
        reviewer = people.reviewer(bureau);
        agencyA = agency("共享测试民政局" + run, codes);
        agencyB = agency("共享测试人社局" + run, codes);
        agencyC = agency("共享测试医保局" + run, codes);
        officerA = people.officer(agencyA);
        officerB = people.officer(agencyB);
        officerC = people.officer(agencyC);

        uCode = "机构编码" + run;
        uName = "机构名称" + run;
        uAmount = "年度预算" + run;
        unconditional = publish("共享测试养老机构名录" + run, "UNCONDITIONAL",
                List.of(item(uCode, "STRING", false, "NONE"), item(uName, "STRING", false, "NONE"), item(uAmount, "DECIMAL", false, "NONE")), uCode);
        List<Map<String, String>> u = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            u.add(Map.of(uCode, "J" + i, uName, "第" + i + "养老院", uAmount, (1000 + i * 37) + "." + (11 + i)));
        }
        deliver(unconditional, u);

        household = "户号" + run;
        holder = "户主姓名" + run;
        idNumber = "身份证号" + run;
        subsidy = "补助金额" + run;
        area = "住房面积" + run;
        paidOn = "发放日期" + run;
        members = "家庭人口" + run;
        conditional = publish("共享测试最低生活保障对象" + run, "CONDITIONAL", List.of(item(household, "STRING", false, "NONE"),
                item(holder, "STRING", true, "NAME"), item(idNumber, "STRING", true, "ID_NUMBER"), item(subsidy, "DECIMAL", false, "NONE"),
                item(area, "DECIMAL", false, "NONE"), item(paidOn, "DATE", false, "NONE"), item(members, "INTEGER", false, "NONE")), household);
        Random r = new Random(20261127L);
        Set<String> ids = new HashSet<>();
        String surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
        String given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英";
        List<Map<String, String>> c = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(household, String.format("H%05d", i));
            row.put(holder, "" + surnames.charAt(r.nextInt(surnames.length())) + given.charAt(r.nextInt(given.length()))
                    + given.charAt(r.nextInt(given.length())));
            row.put(idNumber, idNumber(r, ids));
            // some whole amounts, most with cents; areas with one to three decimals
            row.put(subsidy, r.nextInt(10) == 0 ? Integer.toString(300 + r.nextInt(900)) : (300 + r.nextInt(900)) + "." + String.format("%02d",
                    1 + r.nextInt(99)));
            int scale = 1 + r.nextInt(3);
            row.put(area, (20 + r.nextInt(140)) + "." + String.format("%0" + scale + "d", 1 + r.nextInt((int) Math.pow(10, scale) - 1)));
            row.put(paidOn, LocalDate.of(2026, 1, 5).plusDays(r.nextInt(300)).toString());
            row.put(members, Integer.toString(1 + r.nextInt(6)));
            c.add(row);
        }
        conditionalRows = List.copyOf(c);
        deliver(conditional, c);

        pulled = publish("共享测试前置机养老机构名录" + run, "UNCONDITIONAL",
                List.of(item(uCode, "STRING", false, "NONE"), item(uName, "STRING", false, "NONE"), item(uAmount, "DECIMAL", false, "NONE")), uCode);

        caseNo = "案件编号" + run;
        fine = "罚没金额" + run;
        notShared = publish("共享测试行政处罚案件" + run, "NOT_SHARED", List.of(item(caseNo, "STRING", false, "NONE"),
                item(fine, "DECIMAL", false, "NONE")), caseNo);
        List<Map<String, String>> n = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            n.add(Map.of(caseNo, "AJ" + i, fine, (500 + i * 13) + ".5"));
        }
        deliver(notShared, n);
    }

    static ObjectNode item(String name, String dataType, boolean identifiesPerson, String sensitiveType) {
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("name", name);
        o.put("dataType", dataType);
        if (dataType.equals("STRING")) {
            o.put("length", "100");
        }
        o.put("identifiesPerson", identifiesPerson);
        o.put("sensitiveType", sensitiveType);
        o.put("grade", "GENERAL_2");
        return o;
    }

    private String agency(String agencyName, Random codes) {
        String code = Identities.creditCode(codes, "360100");
        HttpResponse<String> r = http.post("/api/catalog/agencies", "{\"creditCode\":\"" + code + "\",\"name\":\"" + agencyName
                + "\",\"regionCode\":\"360100\",\"level\":\"CITY\"}", reviewer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return code;
    }

    /** Creates, submits and publishes an entry of agency A (not open), sets its key; returns its code. */
    private String publish(String entryName, String shareType, List<ObjectNode> items, String key) {
        ObjectNode e = Http.JSON.createObjectNode();
        e.put("classification", "101001");
        e.put("name", entryName);
        e.put("provider", agencyA);
        e.put("summary", "共享测试 " + run + " " + entryName);
        e.put("format", "DATABASE");
        e.put("shareType", shareType);
        if (!shareType.equals("NOT_SHARED")) {
            e.put("shareMethod", "API");
        }
        if (shareType.equals("CONDITIONAL")) {
            e.put("shareConditions", "仅用于社会救助资格核验 " + run);
        }
        if (!shareType.equals("UNCONDITIONAL")) {
            e.put("legalBasis", "《社会救助暂行办法》第十一条 " + run);
        }
        e.put("openType", "NOT_OPEN");
        e.put("updateFrequency", "DAILY");
        e.put("scope", "360100");
        e.putArray("keywords").add("共享测试");
        ArrayNode a = e.putArray("items");
        for (ObjectNode i : items) {
            i.put("collectingAgency", agencyA);
            a.add(i);
        }
        String code = Http.json(http.post("/api/catalog/entries", e.toString(), officerA), 201).path("code").asText();
        Http.json(http.post("/api/catalog/entries/" + code + "/submit", "{}", officerA), 200);
        JsonNode published = Http.json(http.post("/api/catalog/entries/" + code + "/publish", "{}", reviewer), 200);
        assertThat(published.path("shareType").asText()).isEqualTo(shareType);
        Http.json(http.send("PUT", "/api/collect/entries/" + code + "/settings", "{\"keyItems\":[\"" + key + "\"],\"partialAcceptance\":false,"
                + "\"deduplicate\":false,\"cleaning\":{\"trim\":true,\"fullWidthToHalfWidth\":true,\"normaliseDates\":true,"
                + "\"normaliseNumbers\":true},\"codeTables\":{}}", officerA), 200);
        return code;
    }

    private void deliver(String code, List<Map<String, String>> rows) {
        ArrayNode array = Http.JSON.createArrayNode();
        for (Map<String, String> row : rows) {
            ObjectNode o = array.addObject();
            row.forEach(o::put);
        }
        JsonNode report = Http.json(http.post("/api/collect/entries/" + code + "/batches/share-" + run.toLowerCase(), array.toString(), officerA),
                200);
        assertThat(report.path("applied").asInt()).as(report.toString()).isEqualTo(rows.size());
    }

    /** A fresh, valid identity number (GB 11643) not among {@code used}. */
    static String idNumber(Random random, Set<String> used) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String check = "10X98765432";
        while (true) {
            LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(50 * 365));
            String first17 = "360102" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (first17.charAt(i) - '0') * weights[i];
            }
            String id = first17 + check.charAt(sum % 11);
            if (used.add(id)) {
                return id;
            }
        }
    }

    private void awaitEndpoints() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                String doc = http.get("/api/openapi.json", null).body();
                if (doc.contains("/api/share/applications") && doc.contains("/api/collect/freshness") && doc.contains("/api/catalog/import")
                        && doc.contains("/api/auth/me")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sharing, catalog, aggregation and security endpoints did not come up within 60 s");
    }
}
