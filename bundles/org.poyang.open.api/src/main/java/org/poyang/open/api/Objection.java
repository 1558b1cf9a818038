package org.poyang.open.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An objection as it stands.
 *
 * @param id          its id (its case id)
 * @param state       {@code SUBMITTED} (being handled), or how it ended: {@code CORRECTED}, {@code DELETED},
 *                    {@code UPHELD} (the data stays as it is), {@code WITHDRAWN}
 * @param resource    the resource code
 * @param provider    the providing agency, which handles it
 * @param key         the record objected to, or null for an omission
 * @param kind        what is wrong
 * @param request     what was asked for
 * @param description the objection
 * @param correction  the correction asked for, or null
 * @param objector    the objector's login
 * @param receivedOn  the day of receipt (not counted)
 * @param deadline    the last working day for handling it (Art. 19: 10 working days)
 * @param overdue     not handled by the deadline (or handled after it)
 * @param takenDown   whether the record is out of every read pending the decision
 * @param outcome     the agency's answer, once given: what was done and why, or null
 * @param handledBy   who answered, or null
 * @param batch       the aggregation batch that corrected or deleted the record, or null
 * @param openedAt    when it was received
 * @param closedAt    when it was answered or withdrawn, or null
 */
public record Objection(String id, String state, String resource, String provider, String key, ObjectionForm.Kind kind,
        ObjectionForm.Request request, String description, Map<String, String> correction, String objector, LocalDate receivedOn,
        LocalDate deadline, boolean overdue, boolean takenDown, String outcome, String handledBy, String batch, Instant openedAt,
        Instant closedAt) {
}
