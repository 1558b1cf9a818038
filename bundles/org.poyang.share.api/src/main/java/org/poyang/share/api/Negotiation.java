package org.poyang.share.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.poyang.security.api.Route;

/**
 * A negotiation over data not shared (不予共享数据的协商), as it stands (Art. 23).
 *
 * @param id           its id (a case id)
 * @param state        {@code NEGOTIATING}, {@code DECLINED} (the provider said no; the using agency may
 *                     escalate), {@code ESCALATED} (with the management department), {@code AGREED},
 *                     {@code COORDINATED} (the management department decided), or {@code WITHDRAWN}
 * @param resource     the resource code
 * @param resourceName its name
 * @param provider     the providing agency's credit code
 * @param agency       the using agency's credit code
 * @param requester    the data officer who opened it
 * @param purpose      the purpose
 * @param legalDuty    the legal duty that needs the data
 * @param items        the items needed
 * @param route        the route asked for
 * @param receivedOn   the day it was opened
 * @param deadline     the day the current step is due (the provider's reply, or the coordination decision)
 * @param overdue      whether a step came late
 * @param reply        the provider's reply (agreement or refusal), once given
 * @param escalation   why the using agency escalated, or null
 * @param decision     the management department's coordination decision, once made
 * @param grant        the grant issued when the data is provided, or null
 * @param openedAt     when it was opened
 * @param closedAt     when it ended, or null
 */
public record Negotiation(String id, String state, String resource, String resourceName, String provider, String agency, String requester,
        String purpose, String legalDuty, List<String> items, Route route, LocalDate receivedOn, LocalDate deadline, boolean overdue,
        ShareAnswer reply, String escalation, ShareAnswer decision, String grant, Instant openedAt, Instant closedAt) {
}
