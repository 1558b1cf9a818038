package org.poyang.platform.workflow;

import java.time.Instant;

/**
 * One step in a case's history.
 *
 * @param seq   its number within the case, from 1
 * @param at    when
 * @param actor who (or {@code system} for reminders and overdue flags)
 * @param kind  what happened
 * @param from  the state before, or null when opened
 * @param to    the state after
 * @param note  the reason, answer or message given, or null
 */
public record CaseEvent(int seq, Instant at, String actor, Kind kind, String from, String to, String note) {

    /** What a step is. */
    public enum Kind {
        OPENED, MOVED, REMINDED, OVERDUE
    }
}
