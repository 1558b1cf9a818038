package org.poyang.open.api;

import java.time.Instant;

/**
 * The providing agency's answer (答复).
 *
 * @param approved     approved or refused
 * @param method       how the data is provided (approval)
 * @param time         when and for how long (approval)
 * @param requirements the requirements of provision the applicant must meet (approval)
 * @param reasons      the reasons for refusal (refusal)
 * @param by           who answered
 * @param at           when
 */
public record Answer(boolean approved, String method, String time, String requirements, String reasons, String by, Instant at) {
}
