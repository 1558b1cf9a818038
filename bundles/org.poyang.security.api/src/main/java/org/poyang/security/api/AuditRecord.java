package org.poyang.security.api;

import java.time.Instant;

/**
 * One stored audit record: its position in the trail, when it was written, the event, and the SM3
 * hash chain link (each record's hash covers the previous record's hash and its own content).
 *
 * @param index    position in the trail, 1, 2, 3, ... without gaps
 * @param at       when it was recorded
 * @param event    what happened
 * @param prevHash hash of record {@code index - 1} (64 hex digits; zeros for the first record)
 * @param hash     SM3 over {@code prevHash} and this record's content (64 hex digits)
 */
public record AuditRecord(long index, Instant at, AuditEvent event, String prevHash, String hash) {
}
