package org.poyang.platform.rest.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.LoggerFactory;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** Errors reported only to the OSGi Log Service (SCR, the Configurator) reach poyang.log. */
class OsgiLogForwardingTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    LoggerFactory osgiLog;

    @Test
    void osgiLogErrorsAndWarningsReachTheLogFileButInfoDoesNot() throws Exception {
        String marker = UUID.randomUUID().toString();
        osgiLog.getLogger("poyang.test").error("error " + marker);
        osgiLog.getLogger("poyang.test").warn("warning " + marker);
        osgiLog.getLogger("poyang.test").info("info " + marker);
        Path file = Path.of(context.getProperty("poyang.log.dir"), "poyang.log");
        long deadline = System.currentTimeMillis() + 10_000;
        String log = "";
        while (System.currentTimeMillis() < deadline) {
            log = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (log.contains("error " + marker) && log.contains("warning " + marker)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(log).contains("error " + marker).contains("warning " + marker).doesNotContain("info " + marker);
    }
}
