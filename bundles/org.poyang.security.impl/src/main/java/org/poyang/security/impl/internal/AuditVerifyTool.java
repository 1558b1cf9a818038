package org.poyang.security.impl.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import org.poyang.security.api.AuditVerification;

/**
 * Offline verifier of the audit trail, for auditors, without a running Poyang:
 *
 * <pre>
 * java -cp org.poyang.security.impl.jar:org.poyang.security.api.jar:bcprov-jdk18on.jar:derby*.jar \
 *     org.poyang.security.impl.internal.AuditVerifyTool jdbc:derby:/path/to/data/db [public-key-hex]
 * </pre>
 *
 * With the public key the auditor recorded (see {@code audit:verify} and the log at first start),
 * checkpoints signed by any other key count as broken. Exit status 0 when intact, 1 when broken,
 * 2 on usage or connection errors. Stop Poyang first when the database is embedded Derby.
 */
public final class AuditVerifyTool {

    private AuditVerifyTool() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: AuditVerifyTool <jdbc-url> [pinned-public-key-hex]");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection(args[0])) {
            AuditVerification v = AuditVerifier.verify(c, args.length == 2 ? args[1] : null);
            System.out.println(AuditCommands.describe(v));
            System.exit(v.intact() ? 0 : 1);
        } catch (Exception e) {
            System.err.println("cannot read the audit trail: " + e.getMessage());
            System.exit(2);
        }
    }
}
