package org.poyang.open.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.poyang.security.api.Route;
import org.poyang.security.api.SubjectType;

/**
 * An application for conditional open data as it stands.
 *
 * @param id                the application's id (its case id)
 * @param state             {@code SUBMITTED} (being handled), {@code MATERIAL_REQUESTED} (clock paused, waiting
 *                          on the applicant), {@code APPROVED}, {@code REFUSED} or {@code WITHDRAWN}
 * @param resource          the resource code
 * @param resourceName      its name
 * @param provider          the providing agency's credit code, which answers
 * @param applicant         the applicant's login
 * @param applicantType     natural person, legal person or other organisation
 * @param identity          the identity declared
 * @param purpose           the intended use
 * @param items             the items applied for
 * @param route             the route applied for
 * @param receivedOn        the day of receipt (not counted)
 * @param deadline          the last working day for the answer (Art. 18)
 * @param paused            whether the clock is paused while the applicant supplies material
 * @param daysLeft          while paused, the working days left
 * @param provisional       whether the deadline assumes Monday to Friday in a year whose holidays are not loaded
 * @param overdue           not answered by the deadline (or answered after it)
 * @param materialRequested what the agency asked the applicant to supply, or null
 * @param materials         what the applicant supplied, oldest first
 * @param answer            the answer, once given
 * @param grant             the grant issued on approval, or null
 * @param openedAt          when it was received
 * @param closedAt          when it was answered or withdrawn, or null
 */
public record Application(String id, String state, String resource, String resourceName, String provider, String applicant,
        SubjectType applicantType, Applicant identity, String purpose, List<String> items, Route route, LocalDate receivedOn,
        LocalDate deadline, boolean paused, Integer daysLeft, boolean provisional, boolean overdue, String materialRequested,
        List<String> materials, Answer answer, String grant, Instant openedAt, Instant closedAt) {
}
