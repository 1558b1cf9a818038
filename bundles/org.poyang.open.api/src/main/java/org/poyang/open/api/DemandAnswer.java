package org.poyang.open.api;

/**
 * The answer to a demand.
 *
 * @param status {@code PLANNED} (will be opened), {@code OPENED} (is open now) or {@code DECLINED}
 * @param text   the answer, with reasons when declined
 */
public record DemandAnswer(String status, String text) {
}
