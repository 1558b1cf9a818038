package org.poyang.security.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Desensitisation (脱敏, Art. 13, 31): algorithms applied to one value, the default rule per
 * sensitive type (the catalog's {@code SensitiveType} names: {@code ID_NUMBER}, {@code MOBILE},
 * {@code NAME}, {@code ADDRESS}, {@code BANK_CARD}, {@code LICENCE_PLATE}, {@code EMAIL}, ...), and
 * detectors that find identity numbers, mobile numbers, bank cards, licence plates and e-mail
 * addresses in free text. The policy enforcement point decides which rule applies to whom.
 */
@ProviderType
public interface Masker {

    /** A piece of personal data found in text: its kind and where it is ({@code [start, end)}). */
    record Detection(String kind, int start, int end) {
    }

    /** {@code value} masked by {@code rule}; null stays null. */
    String mask(String value, MaskRule rule);

    /** The default rule for a sensitive type; unknown types are redacted. */
    MaskRule defaultRule(String sensitiveType);

    /** Personal data found in {@code text}, in order. */
    List<Detection> detect(String text);

    /**
     * {@code text} with everything {@link #detect} finds masked by its type's default rule, and, erring
     * on the side of privacy, every other 18-character identity-number shape (whatever its check
     * character) and every run of 15 or more digits masked as well.
     */
    String maskText(String text);
}
