package org.poyang.open.api;

import java.util.List;
import org.poyang.security.api.Route;

/**
 * An application for conditional open data (Art. 18).
 *
 * @param resource  the resource code, e.g. {@code 360100-01-02-03/000001}
 * @param applicant identity
 * @param purpose   the intended use (用途)
 * @param items     the data items asked for
 * @param route     download ({@code OPEN_DOWNLOAD}), API ({@code OPEN_API}) or the results of algorithm
 *                  models ({@code MODEL_RESULT}), as {@link Route} names
 * @param material  supporting material in words (a project description, a link), or null
 */
public record ApplicationForm(String resource, Applicant applicant, String purpose, List<String> items, String route, String material) {
}
