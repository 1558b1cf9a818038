package org.poyang.share.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.poyang.security.api.Route;

/**
 * An application for conditionally shared data as it stands.
 *
 * @param id                the application's id (its case id)
 * @param state             {@code SUBMITTED}, {@code MATERIAL_REQUESTED} (clock paused), {@code APPROVED},
 *                          {@code REFUSED} or {@code WITHDRAWN}
 * @param resource          the resource code
 * @param resourceName      its name
 * @param provider          the providing agency's credit code, which answers
 * @param agency            the using agency's credit code
 * @param applicant         the data officer who applied
 * @param purpose           the purpose
 * @param legalDuty         the legal duty served
 * @param items             the items applied for
 * @param route             the route applied for
 * @param contact           the contact at the using agency
 * @param receivedOn        the day of receipt (not counted)
 * @param deadline          the last working day for the answer: 10 working days after receipt (Art. 23)
 * @param paused            whether the clock is paused for material
 * @param daysLeft          while paused, the working days left
 * @param provisional       whether the deadline assumes Monday to Friday in a year whose holidays are not loaded
 * @param overdue           not answered by the deadline (or answered after it)
 * @param materialRequested what the provider asked for, or null
 * @param materials         what the using agency supplied, oldest first
 * @param answer            the answer, once given
 * @param grant             the grant issued on approval, or null
 * @param openedAt          when it was received
 * @param closedAt          when it was answered or withdrawn, or null
 */
public record ShareApplication(String id, String state, String resource, String resourceName, String provider, String agency,
        String applicant, String purpose, String legalDuty, List<String> items, Route route, String contact, LocalDate receivedOn,
        LocalDate deadline, boolean paused, Integer daysLeft, boolean provisional, boolean overdue, String materialRequested,
        List<String> materials, ShareAnswer answer, String grant, Instant openedAt, Instant closedAt) {
}
