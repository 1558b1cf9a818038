package org.poyang.catalog.api;

/**
 * An agency as a data officer submits it: raw text, so that every broken rule can be reported at
 * once instead of failing on the first field.
 *
 * @param creditCode unified social credit code (18 characters)
 * @param name       full registered name
 * @param regionCode six-digit GB/T 2260 code
 * @param level      {@code PROVINCE}, {@code CITY} or {@code COUNTY}
 * @param parentCreditCode credit code of the agency it belongs to; may be null or blank
 */
public record NewAgency(String creditCode, String name, String regionCode, String level, String parentCreditCode) {
}
