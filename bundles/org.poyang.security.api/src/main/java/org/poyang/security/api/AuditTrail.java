package org.poyang.security.api;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, tamper-evident audit trail (审计日志, Art. 30, 35). Records are chained by SM3
 * hash and the chain is signed with SM2 at checkpoints; {@link #verify()} names the first record
 * that was edited, deleted, inserted or reordered.
 */
@ProviderType
public interface AuditTrail {

    /**
     * Records an event and returns once it is durable (group-committed with concurrent callers).
     *
     * @return the record's index
     * @throws AuditUnavailableException when the record could not be made durable; the caller must
     *         not serve what it was about to serve
     */
    long record(AuditEvent event);

    /**
     * Stored records, oldest first, that match every given criterion (null means any).
     *
     * @param limit at most this many, 1 to 1000
     */
    List<AuditRecord> search(String subject, String resource, AuditEvent.Outcome outcome, Instant from, Instant to,
            long afterIndex, int limit);

    /** Index of the newest durable record; 0 for an empty trail. */
    long lastIndex();

    /** Checks the whole trail: chain, continuity and checkpoint signatures. */
    AuditVerification verify();
}
