package org.poyang.platform.rest;

import java.util.Objects;

/**
 * One broken rule in a request, listed in a problem's {@code violations} member so that a
 * client sees every violation at once instead of fixing them one by one.
 *
 * @param field     the offending field or row, e.g. {@code items[2].grade} or {@code row 17}
 * @param messageZh what is wrong, in Chinese
 * @param messageEn what is wrong, in English
 */
public record Violation(String field, String messageZh, String messageEn) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(messageZh, "messageZh");
        Objects.requireNonNull(messageEn, "messageEn");
    }
}
