package org.poyang.collect.impl.internal;

/**
 * Identifiers computed for the tests, never taken from real people or agencies: GB 11643 identity
 * numbers and GB 32100 unified social credit codes with their check characters worked out here.
 */
final class TestIds {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final String CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private TestIds() {
    }

    /** The GB 11643 check character of the first 17 digits. */
    static char idCheck(String first17) {
        if (first17.length() != 17 || !first17.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    /** A valid identity number: region (6 digits), date of birth (yyyyMMdd), sequence (3 digits) and its check character. */
    static String idNumber(String region, String birth, String sequence) {
        String first17 = region + birth + sequence;
        return first17 + idCheck(first17);
    }

    /** The same number with a check character that is wrong for it. */
    static String withWrongCheck(String id) {
        char right = id.charAt(17);
        char wrong = right == '1' ? '2' : '1';
        return id.substring(0, 17) + wrong;
    }

    /** A valid identity number of the region and birth date whose check character is X (searching the sequence numbers). */
    static String idNumberEndingInX(String region, String birth) {
        for (int seq = 0; seq < 1000; seq++) {
            String id = idNumber(region, birth, String.format("%03d", seq));
            if (id.charAt(17) == 'X') {
                return id;
            }
        }
        throw new IllegalStateException("no sequence gives X");
    }

    /** A valid unified social credit code from its first 17 characters. */
    static String creditCode(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CHARSET.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return first17 + CREDIT_CHARSET.charAt(c == 31 ? 0 : c);
    }
}
