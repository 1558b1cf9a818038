package org.poyang.open.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A dispute between agencies over which of them opens a dataset (开放主体争议, Art. 20): the parties
 * negotiate; if they cannot agree, the management department decides after soliciting the expert
 * committee's opinion, together with the cyberspace administration.
 *
 * @param id           its id (its case id)
 * @param state        {@code NEGOTIATING}, {@code AGREED}, {@code ESCALATED}, {@code OPINION_RECORDED},
 *                     {@code DECIDED} or {@code WITHDRAWN}
 * @param resource     the catalog entry in dispute, or null when the data is not catalogued yet
 * @param subject      what the dispute is about, in words
 * @param claimant     the agency that recorded it (credit code)
 * @param counterpart  the other agency (credit code)
 * @param claim        what the claimant holds: who should open the data and why
 * @param notes        the negotiation, oldest first: who said what
 * @param opener       the agency that opens the data, once agreed or decided
 * @param opinion      the expert committee's opinion, once recorded
 * @param decision     the management department's decision, once made
 * @param receivedOn   when it was recorded (China)
 * @param deadline     20 working days after it was recorded (the platform's default for settling a dispute;
 *                     the Measures set no period)
 * @param overdue      past that day while still open
 * @param openedAt     when it was recorded
 * @param closedAt     when it was agreed, decided or withdrawn, or null
 */
public record Dispute(String id, String state, String resource, String subject, String claimant, String counterpart, String claim,
        List<String> notes, String opener, String opinion, String decision, LocalDate receivedOn, LocalDate deadline, boolean overdue,
        Instant openedAt, Instant closedAt) {

    /**
     * A dispute to record.
     *
     * @param resource    the entry in dispute, or null
     * @param subject     what it is about
     * @param counterpart the other agency's credit code
     * @param claim       who should open the data and why
     */
    public record Form(String resource, String subject, String counterpart, String claim) {
    }

    /**
     * A step: a negotiation note, an agreement or decision naming the opener, an escalation, an opinion.
     *
     * @param text   what was said or decided, required
     * @param opener for an agreement or a decision, the agency that opens the data
     */
    public record Step(String text, String opener) {
    }
}
