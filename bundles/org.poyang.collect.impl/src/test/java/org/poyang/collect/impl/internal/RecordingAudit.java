package org.poyang.collect.impl.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.AuditUnavailableException;
import org.poyang.security.api.AuditVerification;

/** An audit trail that keeps records in memory, or refuses every record while {@code down}. */
final class RecordingAudit implements AuditTrail {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public long record(AuditEvent event) {
        if (down) {
            throw new AuditUnavailableException("test: audit store down", null);
        }
        events.add(event);
        return events.size();
    }

    @Override
    public List<AuditRecord> search(String subject, String resource, AuditEvent.Outcome outcome, Instant from, Instant to,
            long afterIndex, int limit) {
        return List.of();
    }

    @Override
    public long lastIndex() {
        return events.size();
    }

    @Override
    public AuditVerification verify() {
        return new AuditVerification(true, events.size(), 0, 0, null);
    }
}
