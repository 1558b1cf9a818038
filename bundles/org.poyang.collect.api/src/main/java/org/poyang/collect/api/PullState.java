package org.poyang.collect.api;

import java.time.Instant;
import org.poyang.catalog.api.ResourceCode;

/**
 * A scheduled pull as it stands.
 *
 * @param entry      the entry it delivers to
 * @param settings   its settings, the password left out
 * @param lastValue  the largest value of the incremental column delivered so far, or null
 * @param lastRun    when it last ran, or null
 * @param lastBatch  the batch the last run delivered, or null
 * @param lastStatus {@code ACCEPTED}, {@code PARTIALLY_ACCEPTED}, {@code REJECTED} (the batch's report says why),
 *                   {@code NOTHING_NEW}, {@code FAILED} (no connection, a bad query, unknown columns: nothing
 *                   delivered), or null before the first run
 * @param lastMessage what the last run did, in Chinese and English
 * @param nextRun    when the schedule runs it next, or null when disabled
 */
public record PullState(ResourceCode entry, PullSettings settings, String lastValue, Instant lastRun, String lastBatch, String lastStatus,
        String lastMessage, Instant nextRun) {
}
