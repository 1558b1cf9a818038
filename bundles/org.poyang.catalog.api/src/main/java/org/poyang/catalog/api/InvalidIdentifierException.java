package org.poyang.catalog.api;

/**
 * An identifier (credit code, region code, ...) that breaks its national standard. The message is
 * Chinese first with the English in parentheses; {@link #field()} names what was checked.
 */
public class InvalidIdentifierException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String messageZh;
    private final String messageEn;

    public InvalidIdentifierException(String field, String messageZh, String messageEn) {
        super(messageZh + " (" + messageEn + ")");
        this.field = field;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
    }

    /** A submitted value as a message quotes it: at most 40 characters, so refusals stay small. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** What was checked, e.g. {@code creditCode}. */
    public String field() {
        return field;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return messageEn;
    }
}
