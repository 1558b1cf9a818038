package org.poyang.open.api;

/**
 * Who applies, as the applicant declares it (申请人身份): a natural person gives a name; a legal
 * person or other organisation also its name and unified social credit code (GB 32100).
 *
 * @param name         the applicant's (or the organisation's contact person's) name
 * @param organisation the organisation's name, for legal persons and other organisations
 * @param creditCode   the organisation's unified social credit code
 * @param contact      a telephone number or e-mail address for the answer
 */
public record Applicant(String name, String organisation, String creditCode, String contact) {
}
