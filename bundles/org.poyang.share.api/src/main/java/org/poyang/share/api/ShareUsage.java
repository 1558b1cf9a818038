package org.poyang.share.api;

import java.time.LocalDate;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.security.api.Subject;

/**
 * Usage of shared data (Art. 24): what each grant, and each agency using unconditionally shared data,
 * received, reported to the provider; and the trace of a leaked file to the delivery it came from.
 */
@ProviderType
public interface ShareUsage {

    /**
     * Usage of one resource from {@code from} to {@code to} (inclusive), for its provider, the management
     * department and supervisors; the using agency sees its own lines.
     */
    List<UsageLine> ofResource(Subject s, String resource, LocalDate from, LocalDate to);

    /** Usage under one grant, for its holder, the provider, the management department and supervisors. */
    List<UsageLine> ofGrant(Subject s, String grantId, LocalDate from, LocalDate to);

    /**
     * Traces a leaked file's text (CSV, JSON or any text) to the recipient of {@code resource} whose
     * fingerprint it carries.
     */
    TraceReport trace(Subject s, String resource, String text);
}
