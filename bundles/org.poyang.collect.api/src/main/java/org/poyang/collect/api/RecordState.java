package org.poyang.collect.api;

import java.time.Instant;
import java.util.Map;

/**
 * One stored state of a record (历史版本): any earlier state is recoverable for audit (Art. 13, 30).
 *
 * @param key      the record key
 * @param version  1 for the first state, +1 for each change
 * @param op       upsert, or delete for the state that removed it
 * @param batchId  the batch that wrote it
 * @param at       when it was written
 * @param values   item name to value as text; empty for a deletion
 */
public record RecordState(String key, int version, Row.Op op, String batchId, Instant at, Map<String, String> values) {
}
