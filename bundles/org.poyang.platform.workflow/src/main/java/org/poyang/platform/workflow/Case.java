package org.poyang.platform.workflow;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A case as it stands.
 *
 * @param id            the case's id ({@code case_...})
 * @param type          the case type's name
 * @param state         its state
 * @param subject       who brought it
 * @param subjectAgency the applicant's agency, or null
 * @param handler       who must answer
 * @param resource      the resource it concerns, or null
 * @param title         a line for lists
 * @param receivedOn    the day of receipt (China Standard Time), not counted
 * @param deadline      the last working day for the answer; while paused, the deadline it had when it paused
 * @param paused        whether the clock is paused (waiting on the applicant); never for a closed case
 * @param daysLeft      while paused, the working days left when it paused; otherwise null
 * @param provisional   whether the deadline counts days of a year whose holiday notice is not loaded yet
 *                      (Monday to Friday assumed until it is; recomputed when it arrives)
 * @param closed        whether it reached a final state
 * @param overdue       open, running and past its deadline; or past it at any earlier step while its clock ran
 *                      (answered, paused for material, or closed after the deadline: it stays overdue). A case
 *                      paused or withdrawn before its deadline is not overdue.
 * @param openedAt      when it was opened
 * @param updatedAt     when it last changed
 * @param closedAt      when it was closed, or null
 * @param data          the module's content (JSON), or null
 */
public record Case(String id, String type, String state, String subject, String subjectAgency, String handler, String resource,
        String title, LocalDate receivedOn, LocalDate deadline, boolean paused, Integer daysLeft, boolean provisional, boolean closed,
        boolean overdue, Instant openedAt, Instant updatedAt, Instant closedAt, String data) {
}
