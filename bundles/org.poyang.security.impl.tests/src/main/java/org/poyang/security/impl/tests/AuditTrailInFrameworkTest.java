package org.poyang.security.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.AuditVerification;

/**
 * The audit trail (Art. 30, 35) as the platform runs it: BouncyCastle's SM2/SM3 resolve in the
 * framework, the schema is migrated by the persistence bundle, the signing key is created under the
 * data directory, and the Gogo commands report on the live trail.
 */
class AuditTrailInFrameworkTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    AuditTrail trail;

    @Test
    void recordsAreDurableChainedAndVerifiable() {
        String subject = "in-framework-" + System.nanoTime();
        long first = trail.record(new AuditEvent(subject, null, "login", null, null, null, AuditEvent.Outcome.SUCCESS, null));
        long second = trail.record(new AuditEvent(subject, "91110000600037341L", "data.read", "101001/000001", "履行法定职责",
                "grant-1", AuditEvent.Outcome.DENY, "超出授权范围（第二十四条）"));
        assertThat(second).isEqualTo(first + 1);
        List<AuditRecord> mine = trail.search(subject, null, null, null, null, 0, 10);
        assertThat(mine).extracting(AuditRecord::index).containsExactly(first, second);
        assertThat(mine.get(1).prevHash()).isEqualTo(mine.get(0).hash());
        AuditVerification v = trail.verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.records()).isGreaterThanOrEqualTo(second);
        assertThat(Path.of(context.getProperty("poyang.data.dir"), "security", "audit-sm2.key")).exists();
    }

    @Test
    void gogoCommandsReportOnTheLiveTrail() throws Exception {
        trail.record(new AuditEvent("gogo-test", null, "admin.config", "org.poyang.security.audit", null, null,
                AuditEvent.Outcome.SUCCESS, null));
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=audit)");
        assertThat(refs).hasSize(1);
        assertThat((String[]) refs[0].getProperty("osgi.command.function")).containsExactlyInAnyOrder("verify", "tail");
        Object commands = context.getService(refs[0]);
        try {
            String verified = (String) commands.getClass().getMethod("verify").invoke(commands);
            assertThat(verified).contains("审计日志完整").contains("intact");
            String tail = (String) commands.getClass().getMethod("tail", int.class).invoke(commands, 5);
            assertThat(tail).contains("gogo-test").contains("admin.config");
        } finally {
            context.ungetService(refs[0]);
        }
        assertThat(Files.isDirectory(Path.of(context.getProperty("poyang.data.dir")))).isTrue();
    }
}
