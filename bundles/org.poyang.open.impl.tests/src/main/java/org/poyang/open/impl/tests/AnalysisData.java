package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The generated data the analysis tests compute their expectations from, set up once per run over HTTP:
 * <ul>
 * <li>{@link #enterprises}: an unconditionally open entry of 600 enterprises (key, county, industry,
 * registered capital as an integer, date founded, and the legal representative's identity number, a
 * personal item), delivered in batches of 200. The counties have fixed sizes (150, 120, 100, 80, 60, 49,
 * 35 and 6 records) so that exactly one county is under k = 10; about 3% of the capitals are empty and
 * one capital of 红谷滩区 is 1,000,000, dominating its county;</li>
 * <li>{@link #taxes}: a conditionally open entry of 300 taxpayers whose identity numbers are, for 240 of
 * them, those of distinct legal representatives of {@link #enterprises} (the others nobody's there), with a
 * credit rating, the tax paid and the tax office;</li>
 * <li>grants of {@link #taxes} for {@link #holder}, obtained through applications the provider's officer
 * approves: {@link #modelGrant} for MODEL_RESULT of the identity number, rating and tax (not the office),
 * and {@link #apiGrant} for OPEN_API of the same items.</li>
 * </ul>
 */
final class AnalysisData {

    static final long SEED = 20261001L;
    static final List<String> COUNTIES = List.of("东湖区", "西湖区", "青云谱区", "青山湖区", "新建区", "红谷滩区", "南昌县", "进贤县");
    static final int[] COUNTY_SIZES = {150, 120, 100, 80, 60, 49, 35, 6};
    static final List<String> INDUSTRIES = List.of("软件和信息技术服务业", "批发和零售业", "制造业", "建筑业", "住宿和餐饮业", "农林牧渔业");
    static final double[] INDUSTRY_WEIGHTS = {0.30, 0.25, 0.20, 0.12, 0.08, 0.05};
    static final List<String> RATINGS = List.of("A", "B", "C", "D");
    static final double[] RATING_WEIGHTS = {0.4, 0.3, 0.2, 0.1};
    static final List<String> OFFICES = List.of("东湖区税务局", "西湖区税务局", "红谷滩区税务局");

    // items of the enterprises
    final String firm;
    final String county;
    final String industry;
    final String capital;
    final String founded;
    final String idNo;
    // items of the taxes
    final String taxpayer;
    final String taxIdNo;
    final String rating;
    final String tax;
    final String office;

    final String enterprises;
    final String taxes;
    final List<Map<String, String>> enterpriseRows = new ArrayList<>();
    final List<Map<String, String>> taxRows = new ArrayList<>();
    /** Every identity number generated (of both entries). */
    final Set<String> identityNumbers = new HashSet<>();

    final String holder;
    final String holderLogin;
    final String modelGrant;
    final String apiGrant;

    private static AnalysisData instance;

    static synchronized AnalysisData get(Platform p) {
        if (instance == null) {
            instance = new AnalysisData(p);
        }
        return instance;
    }

    private AnalysisData(Platform p) {
        String s = p.run;
        firm = "企业编号A" + s;
        county = "区县" + s;
        industry = "行业" + s;
        capital = "注册资本" + s;
        founded = "成立日期" + s;
        idNo = "法定代表人身份证号" + s;
        taxpayer = "纳税人编号" + s;
        taxIdNo = "纳税人身份证号" + s;
        rating = "纳税信用等级" + s;
        tax = "纳税额" + s;
        office = "主管税务机关" + s;

        Random random = new Random(SEED);
        List<String> counties = new ArrayList<>();
        for (int c = 0; c < COUNTIES.size(); c++) {
            for (int i = 0; i < COUNTY_SIZES[c]; i++) {
                counties.add(COUNTIES.get(c));
            }
        }
        Collections.shuffle(counties, random);
        boolean outlier = false;
        for (int i = 0; i < counties.size(); i++) {
            String cap = random.nextInt(100) < 3 ? null : Integer.toString(100 + random.nextInt(4901));
            if (!outlier && counties.get(i).equals("红谷滩区")) {
                cap = "1000000";
                outlier = true;
            }
            enterpriseRows.add(OpenEntries.row(firm, String.format("Q%04d", i + 1), county, counties.get(i), industry,
                    pick(random, INDUSTRIES, INDUSTRY_WEIGHTS), capital, cap, founded,
                    LocalDate.of(2000, 1, 1).plusDays(random.nextInt(26 * 365)).toString(), idNo, OpenEntries.idNumber(random, identityNumbers)));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < enterpriseRows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i = 0; i < 300; i++) {
            String id = i < 240 ? enterpriseRows.get(order.get(i)).get(idNo) : OpenEntries.idNumber(random, identityNumbers);
            taxRows.add(OpenEntries.row(taxpayer, String.format("T%03d", i + 1), taxIdNo, id, rating, pick(random, RATINGS, RATING_WEIGHTS), tax,
                    Integer.toString(10 + random.nextInt(1991)), office, OFFICES.get(random.nextInt(OFFICES.size()))));
        }

        enterprises = OpenEntries.publish(p, "开放测试企业经营主体" + s, "UNCONDITIONAL", List.of(OpenEntries.Item.text(firm),
                OpenEntries.Item.text(county), OpenEntries.Item.text(industry), OpenEntries.Item.integer(capital), OpenEntries.Item.date(founded),
                OpenEntries.Item.idNumber(idNo)), firm);
        OpenEntries.deliver(p, enterprises, enterpriseRows, 200);
        taxes = OpenEntries.publish(p, "开放测试纳税信用信息" + s, "CONDITIONAL", List.of(OpenEntries.Item.text(taxpayer),
                OpenEntries.Item.idNumber(taxIdNo), OpenEntries.Item.text(rating), OpenEntries.Item.integer(tax), OpenEntries.Item.text(office)),
                taxpayer);
        OpenEntries.deliver(p, taxes, taxRows, 150);

        holder = p.people.citizen("modeller");
        holderLogin = p.people.citizenLogin("modeller");
        modelGrant = approved(p, "MODEL_RESULT");
        apiGrant = approved(p, "OPEN_API");
    }

    /** Applies for the four items of the taxes by {@code route}; the officer approves three (not the office). */
    private String approved(Platform p, String route) {
        JsonNode a = Http.json(p.http.post("/api/open/applications",
                OpenTestBase.form(taxes, List.of(taxIdNo, rating, tax, office), route).toString(), holder), 201);
        JsonNode approved = Http.json(p.http.post("/api/open/applications/" + a.path("id").asText() + "/approval",
                OpenTestBase.approval(List.of(taxIdNo, rating, tax), "2027-06-30").toString(), p.officerA), 200);
        assertThat(approved.path("state").asText()).isEqualTo("APPROVED");
        return approved.path("grant").asText();
    }

    private static String pick(Random random, List<String> values, double[] weights) {
        double x = random.nextDouble();
        for (int i = 0; i < values.size(); i++) {
            x -= weights[i];
            if (x < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    /** The enterprises joined with the taxes on identity number: left items as they are, right ones as join.<item>. */
    List<Map<String, String>> joined() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> l : enterpriseRows) {
            for (Map<String, String> r : taxRows) {
                if (l.get(idNo).equals(r.get(taxIdNo))) {
                    Map<String, String> m = new java.util.LinkedHashMap<>(l);
                    r.forEach((k, v) -> m.put("join." + k, v));
                    out.add(m);
                }
            }
        }
        return out;
    }
}
