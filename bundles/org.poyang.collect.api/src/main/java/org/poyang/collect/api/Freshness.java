package org.poyang.collect.api;

import java.time.Instant;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.UpdateFrequency;

/**
 * How up to date an entry is against the update frequency it declares (Art. 13, 41).
 *
 * @param entry         the entry
 * @param name          its name
 * @param provider      its providing agency
 * @param frequency     its declared update frequency
 * @param lastDelivery  when the last accepted batch arrived (whole or partly; a batch that only
 *                      repeats stored records counts: the agency delivered on time), or null when none has
 * @param dueBy         by when the next delivery is due, or null when the frequency is irregular
 * @param stale         whether {@code dueBy} has passed
 * @param rows          current rows
 */
public record Freshness(ResourceCode entry, String name, CreditCode provider, UpdateFrequency frequency,
        Instant lastDelivery, Instant dueBy, boolean stale, long rows) {
}
