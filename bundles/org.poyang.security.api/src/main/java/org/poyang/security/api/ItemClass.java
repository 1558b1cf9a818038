package org.poyang.security.api;

/**
 * What the masking policy needs to know of one data item (信息项): its sensitive type (the
 * catalog's code, e.g. {@code ID_NUMBER}, {@code NONE}), its grade ({@code CORE},
 * {@code IMPORTANT}, {@code GENERAL_1} ...), and whether the grant the read relies on names it.
 *
 * @param name          the item's name, for the record
 * @param sensitiveType the catalog's sensitive type code; null counts as not sensitive
 * @param grade         the item's grade; null counts as general
 * @param granted       whether an approved grant names this item for this subject
 */
public record ItemClass(String name, String sensitiveType, String grade, boolean granted) {
}
