package org.poyang.catalog.api;

import java.util.Locale;
import java.util.Optional;

/**
 * A catalog vocabulary term with its Chinese label (shown first to users) and English label. Import
 * templates and clients may name a term by its constant name or by either label.
 */
public interface Labelled {

    String name();

    String labelZh();

    String labelEn();

    /**
     * The constant of {@code type} whose name, Chinese label or English label is {@code text}
     * (case and surrounding blanks ignored), if any.
     */
    static <E extends Enum<E> & Labelled> Optional<E> parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t.replace(' ', '_').replace('-', '_')) || e.labelZh().equals(t)
                    || e.labelEn().toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
