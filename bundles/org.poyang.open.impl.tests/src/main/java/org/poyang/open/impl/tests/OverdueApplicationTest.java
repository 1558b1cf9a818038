package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.poyang.platform.workflow.Case;

/**
 * Art. 18, 41: an application received 2026-09-30 is due 2026-10-20; on 10-20 it is reminded, on
 * 10-21 it is overdue for the applicant, the provider, and supervisors watching every agency; the
 * sweep records it once however often it runs; a late answer is still accepted and stays overdue.
 */
class OverdueApplicationTest extends OpenTestBase {

    @Test
    void applicationPastItsDeadlineIsFlaggedOnceAndStaysOverdueWhenAnsweredLate() {
        String citizen = p.people.citizen("late");
        String supervisor = p.people.supervisor();
        JsonNode a = apply(citizen, form(p.conditional, List.of(p.name), "OPEN_DOWNLOAD"));
        String id = a.path("id").asText();
        assertThat(a.path("deadline").asText()).isEqualTo("2026-10-20");

        // the last day of the period: not overdue yet; the sweep reminds it (0 working days left), once
        clockAt(LocalDate.of(2026, 10, 20), LocalTime.of(17, 30));
        assertThat(application(id, citizen).path("overdue").asBoolean()).isFalse();
        assertThat(ids(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA))).doesNotContain(id);
        // (the platform's own hourly sweep may have run meanwhile: count the events, not what each call returned)
        cases.sweep();
        cases.sweep();
        assertThat(kinds(history(id, citizen))).as("reminded once on the last day").containsExactly("OPENED", "REMINDED");
        assertThat(application(id, citizen).path("overdue").asBoolean()).isFalse();

        // the next day: overdue wherever it is looked at
        clockAt(LocalDate.of(2026, 10, 21), LocalTime.of(9, 0));
        JsonNode mine = Http.json(http.get("/api/open/applications", citizen), 200);
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).path("id").asText()).isEqualTo(id);
        assertThat(mine.get(0).path("overdue").asBoolean()).isTrue();
        JsonNode own = application(id, citizen);
        assertThat(own.path("overdue").asBoolean()).isTrue();
        assertThat(own.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(own.path("deadline").asText()).isEqualTo("2026-10-20");
        assertThat(byId(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA), id).path("overdue").asBoolean()).isTrue();
        assertThat(byId(listAll("agency=" + p.agencyA + "&state=open", p.officerA), id).path("overdue").asBoolean()).isTrue();
        List<JsonNode> everywhere = listAll("agency=*&overdue=true", supervisor);
        assertThat(byId(everywhere, id).path("overdue").asBoolean()).isTrue();
        assertThat(everywhere).as("only overdue applications in the supervisor's overdue list")
                .allSatisfy(x -> assertThat(x.path("overdue").asBoolean()).as(x.toString()).isTrue());
        assertThat(byId(listAll("agency=" + p.agencyA + "&overdue=true", supervisor), id).path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(byId(listAll("agency=*&overdue=true", p.reviewer), id).path("id").asText()).isEqualTo(id);

        // the sweep flags it once, however often it runs
        cases.sweep();
        assertThat(swept(id)).as("a second sweep flags nothing new").isEmpty();
        JsonNode h = history(id, citizen);
        assertThat(kinds(h)).containsExactly("OPENED", "REMINDED", "OVERDUE");
        assertThat(h.get(2).path("actor").asText()).isEqualTo("system");
        assertThat(h.get(2).path("from").asText()).isEqualTo("SUBMITTED");
        assertThat(h.get(2).path("to").asText()).isEqualTo("SUBMITTED");
        assertThat(h.get(2).path("note").asText()).contains("2026-10-20");

        // answered late, on 10-22: accepted, and it stays overdue
        clockAt(LocalDate.of(2026, 10, 22), LocalTime.of(11, 0));
        ObjectNode defaultExpiry = approval(null, "2027-06-30");
        defaultExpiry.putNull("expiresOn");
        JsonNode approved = Http.json(http.post("/api/open/applications/" + id + "/approval", defaultExpiry.toString(), p.officerA), 200);
        assertThat(approved.path("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("overdue").asBoolean()).isTrue();
        assertThat(approved.path("grant").asText()).startsWith("grt_");
        assertThat(application(id, citizen).path("overdue").asBoolean()).isTrue();
        // without expiresOn the grant runs one year from the day of approval: to the end of 2027-10-22 China time
        JsonNode grant = null;
        for (JsonNode g : Http.json(http.get("/api/open/grants", citizen), 200)) {
            if (g.path("id").asText().equals(approved.path("grant").asText())) {
                grant = g;
            }
        }
        assertThat(grant).isNotNull();
        assertThat(Instant.parse(grant.path("expiresAt").asText())).isEqualTo(SettableClock.at(LocalDate.of(2027, 10, 23), LocalTime.MIDNIGHT));
        assertThat(Http.texts(grant.path("routes"))).containsExactly("OPEN_DOWNLOAD");
        assertThat(Http.texts(grant.path("items"))).containsExactly(p.name);
        // no longer waiting for an answer, but still among the agency's overdue applications: answered late
        assertThat(ids(listAll("agency=" + p.agencyA + "&state=open&overdue=true", p.officerA))).as("answered: not open").doesNotContain(id);
        JsonNode answeredLate = byId(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA), id);
        assertThat(answeredLate.path("state").asText()).isEqualTo("APPROVED");
        assertThat(answeredLate.path("overdue").asBoolean()).isTrue();
        assertThat(swept(id)).isEmpty();
        assertThat(kinds(history(id, citizen))).containsExactly("OPENED", "REMINDED", "OVERDUE", "MOVED");

        // and so it stays once the platform's own clock is back (today is 2026-11-27)
        realClockAgain();
        assertThat(application(id, citizen).path("overdue").asBoolean()).isTrue();
    }

    /**
     * An agency that lets the deadline pass cannot clear the overdue flag by asking for material late:
     * with 0 working days left at the pause, the clock must not restart to a fresh deadline that makes
     * a late answer look timely.
     */
    @Test
    void askingForMaterialAfterTheDeadlineDoesNotClearOverdue() {
        String citizen = p.people.citizen("excuse");
        String id = apply(citizen, form(p.conditional, List.of(p.name), "OPEN_API")).path("id").asText();
        SoftAssertions soft = new SoftAssertions();

        clockAt(LocalDate.of(2026, 10, 22), LocalTime.of(9, 0));
        cases.sweep();
        assertThat(application(id, citizen).path("overdue").asBoolean()).isTrue();
        HttpResponse<String> asked = http.post("/api/open/applications/" + id + "/material-request", note("请补充课题说明"), p.officerA);
        if (asked.statusCode() == 200) {
            JsonNode paused = application(id, citizen);
            soft.assertThat(paused.path("overdue").asBoolean()).as("overdue while paused after the deadline: %s", paused).isTrue();
            soft.assertThat(ids(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA))).as("still listed as overdue").contains(id);
            clockAt(LocalDate.of(2026, 10, 26), LocalTime.of(10, 0));
            JsonNode resumed = Http.json(http.post("/api/open/applications/" + id + "/material", note("课题说明"), citizen), 200);
            soft.assertThat(resumed.path("overdue").asBoolean()).as("overdue once the material is in: %s", resumed).isTrue();
        } else {
            Http.problem(asked, 409, "application-state");
            clockAt(LocalDate.of(2026, 10, 26), LocalTime.of(10, 0));
        }
        JsonNode approved = Http.json(http.post("/api/open/applications/" + id + "/approval", approval(null, "2027-06-30").toString(),
                p.officerA), 200);
        soft.assertThat(approved.path("overdue").asBoolean()).as("answered 10-26, four working days after the deadline 10-20: %s", approved)
                .isTrue();
        soft.assertAll();
    }

    /** The cases the sweep newly reminded or flagged, of this application. */
    private List<Case> swept(String id) {
        return cases.sweep().stream().filter(c -> c.id().equals(id)).toList();
    }

    static List<String> kinds(JsonNode history) {
        List<String> out = new ArrayList<>();
        history.forEach(e -> out.add(e.path("kind").asText()));
        return out;
    }
}
