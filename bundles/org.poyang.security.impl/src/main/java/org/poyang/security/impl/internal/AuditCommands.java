package org.poyang.security.impl.internal;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.AuditVerification;

/** Gogo shell commands {@code audit:verify} and {@code audit:tail} for operators and auditors. */
@Component(service = AuditCommands.class, property = {
    "osgi.command.scope=audit",
    "osgi.command.function=verify",
    "osgi.command.function=tail"
})
public final class AuditCommands {

    private final AuditTrail trail;

    @Activate
    public AuditCommands(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    /** Checks the whole trail and names the first broken record, if any. */
    public String verify() {
        return describe(trail.verify());
    }

    /** The last {@code count} records (at most 1000). */
    public String tail(int count) {
        int n = Math.max(1, Math.min(1000, count));
        long last = trail.lastIndex();
        if (last == 0) {
            return "审计日志为空 (the audit trail is empty)";
        }
        List<AuditRecord> records = trail.search(null, null, null, null, null, Math.max(0, last - n), n);
        StringBuilder sb = new StringBuilder();
        for (AuditRecord r : records) {
            sb.append(r.index()).append(' ').append(r.at()).append(' ').append(r.event().outcome()).append(' ')
                    .append(r.event().subject()).append(' ').append(r.event().action()).append(' ')
                    .append(r.event().resource() == null ? "-" : r.event().resource()).append('\n');
        }
        return sb.toString();
    }

    static String describe(AuditVerification v) {
        if (v.intact()) {
            return "审计日志完整：" + v.records() + " 条记录，" + v.checkpoints() + " 个签名检查点已验证 (intact: " + v.records() + " records, "
                    + v.checkpoints() + " signed checkpoints verified)";
        }
        return "审计日志被篡改：第 " + v.firstBrokenIndex() + " 条起不可信；" + v.reason() + " (broken at record " + v.firstBrokenIndex() + ")";
    }
}
