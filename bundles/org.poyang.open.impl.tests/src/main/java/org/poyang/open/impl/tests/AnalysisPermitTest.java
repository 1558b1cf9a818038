package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 18, 24: conditionally open data is analysed only under a grant for the MODEL_RESULT route, by
 * its holder, over the items it names; each entry of a join needs its own permit.
 */
class AnalysisPermitTest extends AnalysisTestBase {

    @Test
    void conditionalDataIsAnalysedUnderAModelResultsGrantOverItsItemsOnly() {
        // the grant obtained through the application flow: MODEL_RESULT, three of the four items asked for
        JsonNode grant = null;
        for (JsonNode g : Http.json(http.get("/api/open/grants", d.holder), 200)) {
            if (g.path("id").asText().equals(d.modelGrant)) {
                grant = g;
            }
        }
        assertThat(grant).isNotNull();
        assertThat(Http.texts(grant.path("routes"))).containsExactly("MODEL_RESULT");
        assertThat(Http.texts(grant.path("items"))).containsExactlyInAnyOrder(d.taxIdNo, d.rating, d.tax);

        // with it: exact results over the granted items
        Disclosure.Request byRating = new Disclosure.Request(d.taxes).grant(d.modelGrant).groupBy(d.rating).count().measure("sum", d.tax)
                .measure("avg", d.tax).quantile(d.tax, 0.25);
        JsonNode result = analyse(byRating, d.holder);
        Disclosure.assertReleased(result, byRating, Disclosure.expect(d.taxRows, byRating, 10), "taxes by rating");
        assertThat(result.path("scanned").asLong()).isEqualTo(300);
        Disclosure.Request filtered = new Disclosure.Request(d.taxes).grant(d.modelGrant).filter(d.tax, "ge", "1000").groupBy(d.rating).count();
        Disclosure.assertReleased(analyse(filtered, d.holder), filtered, Disclosure.expect(where(d.taxRows, x -> number(x, d.tax) >= 1000), filtered,
                10), "taxes of 1000 or more by rating");

        // an item outside the grant, wherever it is used: refused, naming it
        JsonNode outside = invalid(new Disclosure.Request(d.taxes).grant(d.modelGrant).groupBy(d.office).count(), d.holder);
        assertThat(Http.violationFields(outside)).containsExactly("groupBy[0]");
        assertThat(outside.path("violations").get(0).path("message").asText()).contains(d.office);
        assertThat(refusedFields(new Disclosure.Request(d.taxes).grant(d.modelGrant).filter(d.office, "eq", "东湖区税务局").count(), d.holder))
                .containsExactly("filters[0].item");
        assertThat(refusedFields(new Disclosure.Request(d.taxes).grant(d.modelGrant).filter(d.taxpayer, "eq", "T001").count(), d.holder))
                .containsExactly("filters[0].item");
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).groupBy("join." + d.office)
                .count(), d.holder)).containsExactly("groupBy[0]");

        // ... as a join key too
        assertThat(refusedFields(new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.firm, d.taxpayer).count(), d.holder))
                .containsExactly("join.on[0][1]");

        // a grant of another route; no grant; someone else; nobody
        Http.problem(send(new Disclosure.Request(d.taxes).grant(d.apiGrant).groupBy(d.rating).count(), d.holder), 403, "forbidden");
        Http.problem(send(new Disclosure.Request(d.taxes).groupBy(d.rating).count(), d.holder), 403, "forbidden");
        Http.problem(send(new Disclosure.Request(d.taxes).grant("grt_00000000000000000000").groupBy(d.rating).count(), d.holder), 403, "forbidden");
        String stranger = p.people.citizen("strangerm");
        Http.problem(send(new Disclosure.Request(d.taxes).grant(d.modelGrant).groupBy(d.rating).count(), stranger), 403, "forbidden");
        Http.problem(send(new Disclosure.Request(d.taxes).grant(d.modelGrant).groupBy(d.rating).count(), null), 401, "unauthorized");
        Http.problem(send(new Disclosure.Request(d.taxes).groupBy(d.rating).count(), null), 401, "unauthorized");
        // the grant covers the taxes, not the platform's other conditional entry
        Http.problem(send(new Disclosure.Request(p.conditional).grant(d.modelGrant).groupBy(p.industry).count(), d.holder), 403, "forbidden");

        // a join needs a permit for each entry
        Http.problem(send(new Disclosure.Request(d.enterprises).join(d.taxes, null, d.idNo, d.taxIdNo).count(), d.holder), 403, "forbidden");
        Http.problem(send(new Disclosure.Request(d.enterprises).join(d.taxes, d.apiGrant, d.idNo, d.taxIdNo).count(), d.holder), 403, "forbidden");
        Http.problem(send(new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count(), stranger), 403, "forbidden");
        assertThat(analyse(new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count(), d.holder)
                .path("cells").get(0).path("count").asLong()).isEqualTo(240);

        // unconditionally open data needs no grant, for anyone signed in
        assertThat(analyse(new Disclosure.Request(d.enterprises).count(), stranger).path("cells").get(0).path("count").asLong()).isEqualTo(600);
        for (String token : List.of(p.people.company("analystco"))) {
            assertThat(analyse(new Disclosure.Request(d.enterprises).groupBy(d.county).count(), token).path("suppressed").asInt()).isEqualTo(2);
        }
    }
}
