package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;

/**
 * Aggregation by pulling from an agency's front-end database (前置机, Art. 10), inside the framework: the
 * driver comes from the bundle that provides it (here embedded Derby, an in-memory database standing in for
 * the agency's), the provider's data officer sets the pull over REST, a run delivers the rows as a batch the
 * share route then serves, and an incremental run brings only the new row. Lives with the sharing tests because
 * their fixture has a published entry of the providing agency.
 */
class PullFromFrontEndDatabaseArt10Test {

    static final String DERBY = "org.apache.derby.iapi.jdbc.AutoloadedDriver";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    AccountService accounts;

    @InjectService(timeout = 60_000)
    Authenticator authenticator;

    SharePlatform p;

    @BeforeEach
    void platform() throws Exception {
        p = SharePlatform.get(context, accounts, authenticator);
    }

    /** The Derby driver, from the bundle that provides it, as the platform finds it. */
    Driver derby() throws Exception {
        for (Bundle b : context.getBundles()) {
            try {
                return (Driver) b.loadClass(DERBY).getDeclaredConstructor().newInstance();
            } catch (ClassNotFoundException notHere) {
                // next bundle
            }
        }
        throw new AssertionError("no bundle provides " + DERBY);
    }

    @Test
    void aScheduledPullDeliversTheFrontEndRowsAsABatchAndThenOnlyWhatIsNew() throws Exception {
        String url = "jdbc:derby:memory:qzj" + p.run.toLowerCase();
        Driver driver = derby();
        try (Connection c = driver.connect(url + ";create=true", new Properties()); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE JGML (JGBM VARCHAR(20) PRIMARY KEY, JGMC VARCHAR(100), YS DECIMAL(12, 2), GXSJ TIMESTAMP NOT NULL)");
            st.executeUpdate("INSERT INTO JGML VALUES ('Q1', '前置机养老院一', 1500.25, TIMESTAMP('2026-11-01 08:00:00')), "
                    + "('Q2', '前置机养老院二', 880.00, TIMESTAMP('2026-11-02 08:00:00'))");
        }
        ObjectNode pull = Http.JSON.createObjectNode();
        pull.put("driverClass", DERBY);
        pull.put("url", url);
        pull.putNull("user");
        pull.putNull("password");
        pull.put("query", "SELECT JGBM AS \"" + p.uCode + "\", JGMC AS \"" + p.uName + "\", YS AS \"" + p.uAmount + "\", GXSJ FROM JGML");
        pull.put("incrementalColumn", "GXSJ");
        pull.put("intervalMinutes", 1440);
        pull.put("enabled", false);
        String address = "/api/collect/pulls/" + p.pulled;
        Http.problem(p.http.send("PUT", address, pull.toString(), p.officerB), 403, "forbidden");
        JsonNode set = Http.json(p.http.send("PUT", address, pull.toString(), p.officerA), 200);
        assertThat(set.path("settings").path("password").isNull()).isTrue();

        JsonNode run = Http.json(p.http.post(address + "/runs", "{}", p.officerA), 200);
        assertThat(run.path("state").path("lastStatus").asText()).as(run.toString()).isEqualTo("ACCEPTED");
        assertThat(run.path("report").path("applied").asInt()).isEqualTo(2);
        String purpose = Http.enc("养老服务补贴发放核验");
        JsonNode page = Http.json(p.http.get("/api/collect/entries/" + p.pulled + "/rows?route=share&purpose=" + purpose + "&"
                + Http.enc(p.uCode) + "=Q1", p.officerB), 200);
        assertThat(page.path("rows").get(0).path(p.uName).asText()).isEqualTo("前置机养老院一");

        try (Connection c = driver.connect(url, new Properties()); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO JGML VALUES ('Q3', '前置机养老院三', 120.50, TIMESTAMP('2026-11-03 08:00:00'))");
        }
        JsonNode second = Http.json(p.http.post(address + "/runs", "{}", p.officerA), 200);
        assertThat(second.path("report").path("rows").asInt()).as("only the new row").isEqualTo(1);
        assertThat(second.path("state").path("lastValue").asText()).startsWith("2026-11-03 08:00:00");
        JsonNode third = Http.json(p.http.post(address + "/runs", "{}", p.officerA), 200);
        assertThat(third.path("state").path("lastStatus").asText()).isEqualTo("NOTHING_NEW");

        pull.put("driverClass", "com.example.NoSuchDriver");
        Http.json(p.http.send("PUT", address, pull.toString(), p.officerA), 200);
        JsonNode failed = Http.json(p.http.post(address + "/runs", "{}", p.officerA), 200);
        assertThat(failed.path("state").path("lastStatus").asText()).isEqualTo("FAILED");
        assertThat(failed.path("state").path("lastMessage").asText()).contains("com.example.NoSuchDriver");
        assertThat(p.http.send("DELETE", address, null, p.officerA).statusCode()).isEqualTo(204);
        Http.problem(p.http.get(address, p.officerA), 404, "not-found");
    }
}
