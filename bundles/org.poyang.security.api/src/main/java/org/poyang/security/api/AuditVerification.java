package org.poyang.security.api;

/**
 * The result of checking the audit trail: hash chain, index continuity and signed checkpoints.
 *
 * @param intact          whether nothing was edited, deleted, inserted or reordered
 * @param records         records checked
 * @param checkpoints     signed checkpoints whose signature and hash were verified
 * @param firstBrokenIndex the first index at which the trail is broken, or 0 when intact
 * @param reason          what is wrong there (Chinese first, English in parentheses), or null
 */
public record AuditVerification(boolean intact, long records, long checkpoints, long firstBrokenIndex, String reason) {
}
