package org.poyang.collect.api;

import java.time.Instant;
import java.util.List;
import org.poyang.catalog.api.ResourceCode;

/**
 * What became of a batch.
 *
 * @param entry       the entry
 * @param batchId     the sender's batch id
 * @param status      accepted whole, partly (only where the entry allows it) or rejected whole
 * @param rows        rows received
 * @param applied     rows applied (inserted, replaced or deleted)
 * @param unchanged   rows that repeated the record's current state and were not stored again
 * @param rejected    rows rejected
 * @param quality     the batch's quality figures (Art. 13)
 * @param receivedAt  when the platform received it
 * @param actor       who delivered it
 * @param rejections  the first rejections with their reasons (all of them via
 *                    {@link CollectService#rejections}); empty when none
 * @param replayed    true when this answers a re-sent batch that had already been applied
 */
public record BatchReport(ResourceCode entry, String batchId, Status status, int rows, int applied, int unchanged,
        int rejected, Quality quality, Instant receivedAt, String actor, List<RowRejection> rejections, boolean replayed) {

    /** Most rejections a report carries inline. */
    public static final int INLINE_REJECTIONS = 100;

    /** The outcome of a batch. */
    public enum Status {
        /** Every row applied. */
        ACCEPTED,
        /** The valid rows applied, the rest rejected: only for entries whose settings allow it. */
        PARTIALLY_ACCEPTED,
        /** Nothing applied. */
        REJECTED
    }

    public BatchReport {
        rejections = List.copyOf(rejections);
    }

    /** This report as the answer to a re-sent batch. */
    public BatchReport asReplay() {
        return new BatchReport(entry, batchId, status, rows, applied, unchanged, rejected, quality, receivedAt, actor,
                rejections, true);
    }
}
