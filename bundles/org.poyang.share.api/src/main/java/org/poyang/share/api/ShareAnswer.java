package org.poyang.share.api;

import java.time.Instant;

/**
 * An answer to an application or a negotiation, or a coordination decision.
 *
 * @param provide    whether the data is provided
 * @param conditions the conditions of use (when provided)
 * @param reasons    the reasons (when refused; a coordination decision gives them either way)
 * @param by         who answered
 * @param at         when
 */
public record ShareAnswer(boolean provide, String conditions, String reasons, String by, Instant at) {
}
