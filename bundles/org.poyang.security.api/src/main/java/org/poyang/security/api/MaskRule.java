package org.poyang.security.api;

/**
 * How to desensitise one value (脱敏规则, Art. 13, 31).
 *
 * @param algorithm   which algorithm
 * @param keepFirst   characters kept at the start ({@link Algorithm#KEEP_ENDS}) or the start of the
 *                    masked range ({@link Algorithm#MASK_RANGE}, 0-based)
 * @param keepLast    characters kept at the end ({@link Algorithm#KEEP_ENDS}) or the end of the masked
 *                    range, exclusive ({@link Algorithm#MASK_RANGE})
 * @param replacement the replacement text ({@link Algorithm#REPLACE}), or null
 */
public record MaskRule(Algorithm algorithm, int keepFirst, int keepLast, String replacement) {

    /** The masking algorithms. */
    public enum Algorithm {
        /** 不脱敏: the value as it is (data that is not sensitive). */
        KEEP,
        /** 保留首尾: keep the first and last characters, mask the rest with '*'. */
        KEEP_ENDS,
        /** 区间遮盖: mask characters [keepFirst, keepLast). */
        MASK_RANGE,
        /** 替换: the whole value becomes {@code replacement}. */
        REPLACE,
        /** 密钥散列: HMAC-SM3 under the platform's masking key, so masked values still join. */
        KEYED_HASH,
        /** 泛化到月: a date becomes its year and month. */
        DATE_TO_MONTH,
        /** 泛化到年: a date becomes its year. */
        DATE_TO_YEAR,
        /** 泛化到区县: an address becomes its province, city and district or county. */
        ADDRESS_TO_DISTRICT,
        /** 完全遮盖: the value becomes asterisks of a fixed length. */
        REDACT
    }

    public MaskRule {
        java.util.Objects.requireNonNull(algorithm, "algorithm");
        if (keepFirst < 0 || keepLast < 0) {
            throw new IllegalArgumentException("keepFirst and keepLast are not negative");
        }
    }

    public static MaskRule keepEnds(int first, int last) {
        return new MaskRule(Algorithm.KEEP_ENDS, first, last, null);
    }

    public static MaskRule of(Algorithm algorithm) {
        return new MaskRule(algorithm, 0, 0, null);
    }
}
