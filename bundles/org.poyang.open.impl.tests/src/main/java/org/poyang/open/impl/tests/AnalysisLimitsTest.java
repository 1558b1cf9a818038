package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;

/**
 * The limits of analyses (PID {@code org.poyang.open.analysis}): past the groups, retained values, joined
 * rows or time allowed, an analysis is stopped, audited as a failure and answered 422 analysis-limit with
 * nothing released; a configured k applies to every request, which may raise but not lower it. The
 * configuration is changed through Configuration Admin and deleted afterwards.
 */
class AnalysisLimitsTest extends AnalysisTestBase {

    static final String PID = "org.poyang.open.analysis";

    @InjectService(timeout = 60_000)
    ConfigurationAdmin configurationAdmin;

    @InjectService(timeout = 60_000)
    AuditTrail audit;

    @Test
    void analysesPastTheConfiguredLimitsAreStoppedAuditedAndReleaseNothing() throws Exception {
        // 9,000 records in an entry of its own, for the time limit (checked every 8,192 records)
        String key = "流水号" + p.run;
        String amount = "金额" + p.run;
        String bulk = OpenEntries.publish(p, "开放测试交易流水" + p.run, "UNCONDITIONAL", List.of(OpenEntries.Item.text(key),
                OpenEntries.Item.integer(amount)), key);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            rows.add(OpenEntries.row(key, "L" + i, amount, Integer.toString(i % 97)));
        }
        OpenEntries.deliver(p, bulk, rows, 9000);
        Disclosure.Request bulkCount = new Disclosure.Request(bulk).count().measure("sum", amount);
        assertThat(analyse(bulkCount, d.holder).path("cells").get(0).path("count").asLong()).isEqualTo(9000);

        Disclosure.Request byCounty = new Disclosure.Request(d.enterprises).groupBy(d.county).count();
        assertThat(analyse(byCounty, d.holder).path("cells").size()).isEqualTo(6);

        Configuration c = configurationAdmin.getConfiguration(PID, "?");
        try {
            Hashtable<String, Object> limits = new Hashtable<>();
            limits.put("k", 20);
            limits.put("maxGroups", 5);
            limits.put("maxRetainedValues", 100L);
            limits.put("maxJoinRows", 100L);
            limits.put("maxMillis", 1L);
            c.update(limits);
            await(byCounty, r -> r.statusCode() == 422 && r.body().contains("analysis-limit"), "the new limits to apply");

            // more groups than allowed (8 counties, 5 allowed)
            refusedAtLimit(byCounty, d.enterprises);
            // a quantile keeping more values than allowed (582 capitals, 100 allowed)
            refusedAtLimit(new Disclosure.Request(d.enterprises).count().quantile(d.capital, 0.5), d.enterprises);
            // a joined entry with more rows than allowed (300, 100 allowed)
            refusedAtLimit(new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count(), d.enterprises);
            // longer than allowed (1 ms)
            refusedAtLimit(bulkCount, bulk);

            // within the limits: the configured k applies (20), and a request may raise it but not lower it
            Disclosure.Request three = new Disclosure.Request(d.enterprises).filter(d.county, "in", "东湖区", "西湖区", "进贤县").groupBy(d.county)
                    .count().measure("sum", d.capital);
            JsonNode at20 = analyse(three, d.holder);
            assertThat(at20.path("k").asInt()).isEqualTo(20);
            Disclosure.assertReleased(at20, three, Disclosure.expect(where(d.enterpriseRows,
                    x -> List.of("东湖区", "西湖区", "进贤县").contains(x.get(d.county))), three, 20), "k configured 20");
            Disclosure.Request fewer = new Disclosure.Request(d.enterprises).filter(d.county, "in", "红谷滩区", "南昌县", "新建区").groupBy(d.county)
                    .count();
            Disclosure.assertReleased(analyse(fewer, d.holder), fewer, Disclosure.expect(where(d.enterpriseRows,
                    x -> List.of("红谷滩区", "南昌县", "新建区").contains(x.get(d.county))), fewer, 20), "k configured 20, no cell under it");
            assertThat(refusedFields(new Disclosure.Request(d.enterprises).groupBy(d.industry).count().k(15), d.holder)).containsExactly("k");
            assertThat(refusedFields(new Disclosure.Request(d.enterprises).groupBy(d.industry).count().k(10), d.holder)).containsExactly("k");
            List<String> four = List.of("东湖区", "西湖区", "青云谱区", "青山湖区");
            Disclosure.Request raised = new Disclosure.Request(d.enterprises).filter(d.county, "in", four.toArray(String[]::new)).groupBy(d.county)
                    .count().k(100);
            JsonNode at100 = analyse(raised, d.holder);
            Disclosure.assertReleased(at100, raised, Disclosure.expect(where(d.enterpriseRows, x -> four.contains(x.get(d.county))), raised, 100),
                    "k raised to 100");
            assertThat(at100.path("cells").size()).as("150 and 120 released; 80 under k, 100 the next smallest: %s", at100).isEqualTo(2);
            assertThat(analyse(new Disclosure.Request(d.enterprises).count().measure("sum", d.capital), d.holder).path("k").asInt()).isEqualTo(20);
        } finally {
            c.delete();
            await(byCounty, r -> r.statusCode() == 200 && Http.parse(r.body()).path("k").asInt() == 10
                    && Http.parse(r.body()).path("cells").size() == 6, "the default limits to apply again");
        }
        // back to the defaults: the quantile, the join and the long scan run again
        assertThat(analyse(new Disclosure.Request(d.enterprises).count().quantile(d.capital, 0.5), d.holder).path("cells").size()).isEqualTo(1);
        assertThat(analyse(new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).count(), d.holder)
                .path("cells").get(0).path("count").asLong()).isEqualTo(240);
        assertThat(analyse(bulkCount, d.holder).path("cells").get(0).path("count").asLong()).isEqualTo(9000);
    }

    /** Asserts 422 analysis-limit with nothing released, and one FAILURE audit record of it. */
    private void refusedAtLimit(Disclosure.Request request, String resource) {
        long before = audit.lastIndex();
        HttpResponse<String> r = send(request, d.holder);
        JsonNode problem = Http.problem(r, 422, "analysis-limit");
        assertThat(problem.has("cells")).as(r.body()).isFalse();
        assertThat(problem.has("digest")).as(r.body()).isFalse();
        List<AuditRecord> failures = new ArrayList<>();
        for (AuditRecord rec : audit.search(d.holderLogin, resource, AuditEvent.Outcome.FAILURE, null, null, before, 1000)) {
            if (rec.event().action().equals("open.analysis")) {
                failures.add(rec);
            }
        }
        assertThat(failures).as("the stopped analysis %s on the audit trail", request).hasSize(1);
        assertThat(audit.search(d.holderLogin, resource, AuditEvent.Outcome.SUCCESS, null, null, before, 1000).stream()
                .filter(x -> x.event().action().equals("open.analysis")).toList()).as("no successful analysis recorded").isEmpty();
    }

    /** Sends {@code request} until {@code done} holds, for at most 30 s (the component is reactivated meanwhile). */
    private void await(Disclosure.Request request, Predicate<HttpResponse<String>> done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        HttpResponse<String> last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = http.post("/api/open/analyses", request.json(), d.holder);
                if (done.test(last)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // endpoint being re-registered
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 30 s for " + what + "; last answer: " + (last == null ? null : last.statusCode() + " " + last.body()));
    }
}
