package org.poyang.share.api;

import java.util.List;

/**
 * The trace of a leaked file (泄露溯源, Art. 24): which recipient's fingerprint it carries, if any.
 *
 * @param resource   the resource the file is suspected to come from
 * @param recipient  the grant id (or {@code agency:<credit code>}) named, or null when the file carries no
 *                   recipient's fingerprint with enough confidence
 * @param grant      the grant named, when the recipient is a grant, or null
 * @param agency     the receiving agency named, or null
 * @param confidence the confidence that the named recipient is the source (0 to 1), 0 when none is named
 * @param numbers    numbers found in the file
 * @param carriers   of which carry a fingerprint position
 * @param candidates the recipients compared, best first (at most 10)
 * @param note       what the result means, in Chinese and English
 */
public record TraceReport(String resource, String recipient, String grant, String agency, double confidence, long numbers, long carriers,
        List<Candidate> candidates, String note) {

    /**
     * The evidence for one recipient.
     *
     * @param recipient  the recipient
     * @param examined   fingerprint positions of this recipient's key found in the file
     * @param matched    of which carry this recipient's mark
     * @param log10p     log10 of the chance of matching as many by accident
     * @param confidence 1 minus that chance, corrected for the number of recipients compared
     */
    public record Candidate(String recipient, long examined, long matched, double log10p, double confidence) {
    }
}
