package org.poyang.collect.api;

import java.util.List;
import java.util.Objects;
import org.poyang.catalog.api.ResourceCode;

/**
 * One batch (批次) of rows an agency delivers for a catalog entry.
 *
 * @param entry   the entry the rows belong to
 * @param batchId the sender's id for the batch, unique per entry: re-sending it is idempotent
 * @param rows    the rows, in the order sent (row numbers in reports count from 1)
 * @param actor   who delivers, as recorded with the batch
 */
public record Delivery(ResourceCode entry, String batchId, List<Row> rows, String actor) {

    /** Longest batch id accepted. */
    public static final int MAX_BATCH_ID = 64;

    public Delivery {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(actor, "actor");
        rows = List.copyOf(rows);
    }
}
