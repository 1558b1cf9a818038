package org.poyang.open.api;

import java.util.Map;

/**
 * How the providing agency handles an objection (Art. 19).
 *
 * @param result     corrected, deleted or upheld (the data stays)
 * @param text       the answer to the objector: what was done and why, required
 * @param correction for {@link Result#CORRECTED}, item name to the corrected value; null to apply the
 *                   correction the objector asked for
 */
public record ObjectionResolution(Result result, String text, Map<String, String> correction) {

    /** What the agency did. */
    public enum Result {
        CORRECTED, DELETED, UPHELD
    }
}
