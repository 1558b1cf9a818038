package org.poyang.collect.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.catalog.api.ResourceCode;

/**
 * Scheduled pulls from agencies' front-end databases (前置机, Art. 10): one per entry. Each run is a batch
 * like any other delivery (cleaned, checked, applied atomically or rejected with a row-by-row report, kept
 * in the entry's history); a run repeated after a failure is the same batch and idempotent.
 */
@ProviderType
public interface ScheduledPulls {

    /**
     * Sets (or replaces) the pull of {@code entry}.
     *
     * @throws IllegalArgumentException naming every problem (in Chinese and English) when a field is missing or invalid
     */
    PullState configure(ResourceCode entry, PullSettings settings, String actor);

    Optional<PullState> get(ResourceCode entry);

    /** Every configured pull. */
    List<PullState> all();

    /** Removes the pull of {@code entry}; rows already delivered stay. */
    boolean remove(ResourceCode entry, String actor);

    /**
     * Runs the pull of {@code entry} now, as the schedule would.
     *
     * @return the state after the run, and the batch report when rows were delivered (else null)
     * @throws java.util.NoSuchElementException when the entry has no pull
     */
    Run pullNow(ResourceCode entry, String actor);

    /** A run's outcome. */
    record Run(PullState state, BatchReport report) {
    }
}
