package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Art. 19 on conditionally open data: a record taken down on an objection about personal information
 * leaves the grant holder's pages and every analysis at once, a joined entry included; withdrawn, it is
 * back. (The run's analysis data is restored before the test ends.)
 */
class ObjectionInAnalysesTest extends AnalysisTestBase {

    @Test
    void aTakenDownRecordLeavesGrantedReadsAnalysesAndJoins() {
        String citizen = p.people.citizen("objecttax");
        Map<String, String> record = d.taxRows.get(0); // T001, whose identity number is also an enterprise's
        assertThat(record.get(d.taxpayer)).isEqualTo("T001");
        String rating = record.get(d.rating);
        String rows = "/api/collect/entries/" + d.taxes + "/rows?limit=1000&grant=" + d.apiGrant;
        Disclosure.Request byRating = new Disclosure.Request(d.taxes).grant(d.modelGrant).groupBy(d.rating).count().measure("sum", d.tax);
        Disclosure.Request joined = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count();
        assertThat(Http.json(http.get(rows, d.holder), 200).path("total").asLong()).isEqualTo(300);

        ObjectNode form = ObjectionTestBase.objection(d.taxes, "T001", "PERSONAL_INFORMATION", "DELETE", null);
        JsonNode o = Http.json(http.post("/api/open/objections", form.toString(), citizen), 201);
        String id = o.path("id").asText();
        try {
            assertThat(o.path("takenDown").asBoolean()).isTrue();
            List<Map<String, String>> remaining = d.taxRows.subList(1, d.taxRows.size());

            JsonNode page = Http.json(http.get(rows, d.holder), 200);
            assertThat(page.path("total").asLong()).isEqualTo(299);
            assertThat(page.path("rows").size()).isEqualTo(299);
            JsonNode counted = analyse(byRating, d.holder);
            Disclosure.assertReleased(counted, byRating, Disclosure.expect(remaining, byRating, 10), "taxes by rating without T001");
            assertThat(counted.path("scanned").asLong()).isEqualTo(299);
            long ofRating = remaining.stream().filter(x -> x.get(d.rating).equals(rating)).count();
            assertThat(Disclosure.cells(counted, byRating.groupBy).get(List.of(rating)).path("count").asLong()).isEqualTo(ofRating);
            assertThat(analyse(joined, d.holder).path("cells").get(0).path("count").asLong()).as("joined without T001").isEqualTo(239);

            // withdrawn: back everywhere
            Http.json(http.post("/api/open/objections/" + id + "/withdrawal", OpenTestBase.note("撤回"), citizen), 200);
            id = null;
            assertThat(Http.json(http.get(rows, d.holder), 200).path("total").asLong()).isEqualTo(300);
            Disclosure.assertReleased(analyse(byRating, d.holder), byRating, Disclosure.expect(d.taxRows, byRating, 10), "taxes by rating");
            assertThat(analyse(joined, d.holder).path("cells").get(0).path("count").asLong()).isEqualTo(240);
        } finally {
            if (id != null) {
                http.post("/api/open/objections/" + id + "/withdrawal", OpenTestBase.note("测试结束撤回"), citizen);
            }
        }
    }
}
