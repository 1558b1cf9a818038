package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;

/**
 * Art. 18, 30: every analysis is on the audit trail ({@code open.analysis}) with who ran it, the entry,
 * the grant relied on, the request and the SM3 digest of what was released, which the answer carries too.
 */
class AnalysisAuditTest extends AnalysisTestBase {

    @InjectService(timeout = 60_000)
    AuditTrail audit;

    @Test
    void everyAnalysisIsAuditedWithTheDigestOfWhatWasReleased() {
        long before = audit.lastIndex();
        Disclosure.Request r = new Disclosure.Request(d.enterprises).groupBy(d.county).count().measure("sum", d.capital);
        JsonNode first = analyse(r, d.holder);
        JsonNode again = analyse(r, d.holder);
        assertThat(again.path("id").asText()).isNotEqualTo(first.path("id").asText());
        assertThat(again.path("digest").asText()).as("the same release, the same digest").isEqualTo(first.path("digest").asText());
        assertThat(again.path("cells")).isEqualTo(first.path("cells"));
        Disclosure.Request raised = new Disclosure.Request(d.enterprises).groupBy(d.county).count().measure("sum", d.capital).k(50);
        JsonNode other = analyse(raised, d.holder);
        assertThat(other.path("digest").asText()).as("another release, another digest").isNotEqualTo(first.path("digest").asText());

        for (JsonNode result : List.of(first, again, other)) {
            AuditRecord rec = analysisRecord(d.enterprises, result.path("id").asText(), before);
            AuditEvent e = rec.event();
            assertThat(e.subject()).isEqualTo(d.holderLogin);
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(e.resource()).isEqualTo(d.enterprises);
            assertThat(e.grantId()).isNull();
            assertDigest(e, result);
            assertThat(e.detail()).as("the request is recorded").contains(d.county).contains(d.capital);
        }

        // under a grant: the grant is recorded
        Disclosure.Request granted = new Disclosure.Request(d.taxes).grant(d.modelGrant).groupBy(d.rating).count();
        JsonNode g = analyse(granted, d.holder);
        AuditEvent e = analysisRecord(d.taxes, g.path("id").asText(), before).event();
        assertThat(e.grantId()).isEqualTo(d.modelGrant);
        assertThat(e.subject()).isEqualTo(d.holderLogin);
        assertDigest(e, g);

        // a join is recorded against the analysed entry, with the joined one in the request
        Disclosure.Request joined = new Disclosure.Request(d.enterprises).join(d.taxes, d.modelGrant, d.idNo, d.taxIdNo).groupBy(d.county).count();
        JsonNode j = analyse(joined, d.holder);
        AuditEvent je = analysisRecord(d.enterprises, j.path("id").asText(), before).event();
        assertDigest(je, j);
        assertThat(je.detail()).contains(d.taxes);
    }

    static void assertDigest(AuditEvent e, JsonNode result) {
        assertThat(digests(e.detail())).as("digest in %s", e.detail()).containsExactly(result.path("digest").asText());
    }

    /**
     * The audit trail masks what looks like personal data in free text, such as 15 digits in a row; the
     * digest's hex may hold such a run, and the audited digest must still be the one answered.
     */
    @Test
    void theAuditedDigestIsTheAnswersWhateverDigitsItsHexHas() {
        long before = audit.lastIndex();
        JsonNode hit = null;
        for (int n = 0; n < 480 && hit == null; n++) {
            for (String group : List.of(d.county, d.industry)) {
                Disclosure.Request r = new Disclosure.Request(d.enterprises).filter(d.capital, "ge", Integer.toString(100 + 10 * n)).groupBy(group)
                        .count().measure("sum", d.capital);
                JsonNode result = analyse(r, d.holder);
                if (hit == null && java.util.regex.Pattern.compile("\\d{15}").matcher(result.path("digest").asText().replace("-", "")).find()) {
                    hit = result;
                }
            }
        }
        Assumptions.assumeTrue(hit != null, "no analysis had a digest with 15 digits in a row");
        AuditEvent e = analysisRecord(d.enterprises, hit.path("id").asText(), before).event();
        assertDigest(e, hit);
    }

    /** The one {@code open.analysis} record of analysis {@code id} on {@code resource} after index {@code after}. */
    AuditRecord analysisRecord(String resource, String id, long after) {
        List<AuditRecord> found = new ArrayList<>();
        for (AuditRecord r : records(resource, after)) {
            if (r.event().action().equals("open.analysis") && r.event().detail() != null && r.event().detail().contains(id)) {
                found.add(r);
            }
        }
        assertThat(found).as("audit records of analysis %s", id).hasSize(1);
        return found.get(0);
    }

    /** Every record about {@code resource} after index {@code after}, page by page. */
    List<AuditRecord> records(String resource, long after) {
        List<AuditRecord> out = new ArrayList<>();
        long from = after;
        while (true) {
            List<AuditRecord> page = audit.search(null, resource, null, null, null, from, 1000);
            out.addAll(page);
            if (page.size() < 1000) {
                return out;
            }
            from = page.get(page.size() - 1).index();
        }
    }

    /** The digests (hex in hyphen-joined groups of eight) written in an audit detail. */
    static List<String> digests(String detail) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![0-9a-fA-F-])" + DIGEST + "(?![0-9a-fA-F-])").matcher(detail);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
