package org.poyang.platform.workflow;

/**
 * A case to open.
 *
 * @param subject       who brings it: the applicant's login or id
 * @param subjectAgency the applicant's agency credit code when an agency applies, or null
 * @param handler       who must answer: the providing agency's credit code, or the management department's
 * @param resource      the resource code it concerns, or null
 * @param title         a line for lists
 * @param data          the module's own content of the case (JSON), or null
 */
public record NewCase(String subject, String subjectAgency, String handler, String resource, String title, String data) {
}
