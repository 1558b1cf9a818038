package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Art. 13, 18, 31: no raw row leaves an analysis. Personal items (identity numbers) may join two
 * entries but never group, filter or be aggregated; only count, sum, avg and quantile are offered
 * (no min, max or raw values); a request the platform cannot run safely is refused naming the field.
 */
class AnalysisRequestsTest extends AnalysisTestBase {

    @Test
    void personalItemsMayJoinEntriesButNeverGroupFilterOrBeAggregated() {
        // grouping, filtering or aggregating the identity number: refused, naming the field
        List<String> f = refusedFields(new Disclosure.Request(d.enterprises).groupBy(d.idNo).count(), d.holder);
        assertThat(f).containsExactly("groupBy[0]");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).groupBy(d.county, d.idNo).count(), d.holder)).containsExactly("groupBy[1]");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).filter(d.idNo, "eq", d.enterpriseRows.get(0).get(d.idNo)).count(), d.holder))
                .containsExactly("filters[0].item");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).filter(d.idNo, "ge", "3601021980").count(), d.holder))
                .containsExactly("filters[0].item");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).count().measure("sum", d.idNo), d.holder)).containsExactly("measures[1].item");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).count().quantile(d.idNo, 0.5), d.holder)).containsExactly("measures[1].item");
        JsonNode problem = invalid(new Disclosure.Request(d.enterprises).groupBy(d.idNo).count(), d.holder);
        assertThat(problem.path("violations").get(0).path("message").asText()).contains(d.idNo);
        // ... nor on the joined side
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).groupBy("join." + d.taxIdNo)
                .count(), d.holder)).containsExactly("groupBy[0]");

        // grouping by the key releases nothing: every cell is one record
        Disclosure.Request byKey = new Disclosure.Request(d.enterprises).groupBy(d.firm).count().measure("sum", d.capital);
        JsonNode keyed = analyse(byKey, d.holder);
        assertThat(keyed.path("cells").size()).as(keyed.toString()).isZero();
        assertThat(keyed.path("suppressed").asInt()).isEqualTo(600);
        assertThat(keyed.toString()).doesNotContain("Q0001").doesNotContain(d.enterpriseRows.get(0).get(d.founded));

        // joining ON the identity number is allowed: 240 enterprises have a taxpayer record
        List<Map<String, String>> joined = d.joined();
        assertThat(joined).hasSize(240);
        Disclosure.Request all = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count()
                .measure("sum", "join." + d.tax);
        JsonNode overall = analyse(all, d.holder);
        Disclosure.assertReleased(overall, all, Disclosure.expect(joined, all, 10), "joined overall");
        assertThat(overall.path("cells").get(0).path("count").asLong()).isEqualTo(240);

        Disclosure.Request byCounty = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).groupBy(d.county)
                .count().measure("avg", "join." + d.tax).measure("sum", d.capital);
        Disclosure.assertReleased(analyse(byCounty, d.holder), byCounty, Disclosure.expect(joined, byCounty, 10), "joined by county");

        Disclosure.Request byRating = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo)
                .groupBy("join." + d.rating, d.industry).count().quantile("join." + d.tax, 0.9);
        Disclosure.assertReleased(analyse(byRating, d.holder), byRating, Disclosure.expect(joined, byRating, 10), "joined by rating and industry");

        Disclosure.Request filtered = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo)
                .filter("join." + d.rating, "in", "A", "B").groupBy(d.county).count();
        Disclosure.assertReleased(analyse(filtered, d.holder), filtered, Disclosure.expect(AnalysisTestBase.where(joined,
                x -> List.of("A", "B").contains(x.get("join." + d.rating))), filtered, 10), "joined, rating A or B, by county");

        // the reverse join, from the taxes under the grant, to the open enterprises
        Disclosure.Request reverse = new Disclosure.Request(d.taxes).grant(d.modelGrant).join(d.enterprises, null, d.taxIdNo, d.idNo)
                .groupBy(d.rating).count();
        JsonNode rev = analyse(reverse, d.holder);
        long matchedA = joined.stream().filter(x -> x.get("join." + d.rating).equals("A")).count();
        assertThat(Disclosure.cells(rev, reverse.groupBy).get(List.of("A")).path("count").asLong()).isEqualTo(matchedA);
    }

    @Test
    void onlyCountSumAverageAndQuantileAreOfferedOverNumericItems() {
        for (String fn : List.of("min", "max", "median", "raw", "rows", "")) {
            assertThat(refusedFields(new Disclosure.Request(d.enterprises).groupBy(d.county).count().measure(fn, d.capital), d.holder))
                    .as("fn %s", fn).containsExactly("measures[1].fn");
        }
        ObjectNode noFn = new Disclosure.Request(d.enterprises).count().body;
        ((com.fasterxml.jackson.databind.node.ArrayNode) noFn.get("measures")).addObject().put("item", d.capital);
        Http.problem(http.post("/api/open/analyses", noFn.toString(), d.holder), 422, "validation-failed");

        for (double p : new double[] {0, 1, 1.5, -0.2}) {
            assertThat(refusedFields(new Disclosure.Request(d.enterprises).count().quantile(d.capital, p), d.holder)).as("p = %s", p)
                    .containsExactly("measures[1].p");
        }
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).count().measure("quantile", d.capital), d.holder)).as("no p")
                .containsExactly("measures[1].p");

        // sums need numbers; items must exist; there must be something to measure; operators are the seven
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).measure("sum", d.industry), d.holder)).containsExactly("measures[0].item");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).measure("avg", d.founded), d.holder)).containsExactly("measures[0].item");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).measure("sum", null), d.holder)).containsExactly("measures[0].item");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).groupBy("不存在的信息项" + p.run).count(), d.holder)).containsExactly("groupBy[0]");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).groupBy(d.county), d.holder)).containsExactly("measures");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).filter(d.county, "like", "东%").count(), d.holder))
                .containsExactly("filters[0].op");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).filter(d.county, "eq", "东湖区", "西湖区").count(), d.holder))
                .containsExactly("filters[0].values");

        // a join on 1 to 3 pairs of items; a resource named
        Disclosure.Request noPairs = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count();
        ((ObjectNode) noPairs.body.get("join")).putArray("on");
        assertThat(refusedFields(noPairs, d.holder)).containsExactly("join.on");
        Disclosure.Request fourPairs = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count();
        for (int i = 0; i < 3; i++) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) fourPairs.body.get("join").get("on")).addArray().add(d.idNo).add(d.taxIdNo);
        }
        assertThat(refusedFields(fourPairs, d.holder)).containsExactly("join.on");
        Disclosure.Request unknownPair = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, "不存在的信息项" + p.run).count();
        assertThat(refusedFields(unknownPair, d.holder)).containsExactly("join.on[0][1]");
        Disclosure.Request noResource = new Disclosure.Request(d.enterprises).count();
        noResource.body.remove("resource");
        assertThat(refusedFields(noResource, d.holder)).containsExactly("resource");
        Http.problem(send(new Disclosure.Request(d.enterprises).join(p.notOpen, null, d.idNo, "案件编号" + p.run).count(), d.holder), 404, "not-found");

        // every problem at once
        Disclosure.Request many = new Disclosure.Request(d.enterprises).groupBy(d.idNo).filter(d.idNo, "eq", "x").count().measure("max", d.capital)
                .quantile(d.capital, 2).k(3);
        assertThat(refusedFields(many, d.holder)).containsExactlyInAnyOrder("k", "filters[0].item", "groupBy[0]", "measures[1].fn", "measures[2].p");

        // not in the open catalog, or no such entry
        Http.problem(send(new Disclosure.Request(p.notOpen).count(), d.holder), 404, "not-found");
        Http.problem(send(new Disclosure.Request("101001/999999").count(), d.holder), 404, "not-found");
    }
}
