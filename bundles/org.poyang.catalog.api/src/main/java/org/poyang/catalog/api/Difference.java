package org.poyang.catalog.api;

/**
 * One field that differs between two versions of an entry. Items are addressed by name, e.g.
 * {@code items[公民身份号码].grade}; a value is null where the field or item is absent.
 *
 * @param path   the field
 * @param before its value in the older version, as text
 * @param after  its value in the newer version, as text
 */
public record Difference(String path, String before, String after) {
}
