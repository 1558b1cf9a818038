package org.poyang.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Record identifiers never hold a digit run that the audit trail's masking of personal data (Art. 30,
 * 35) would take for a mobile, identity or bank-card number, so an audited identifier stays findable.
 */
class RecordIdsTest {

    /** Hands out the given byte arrays in turn. */
    static final class Scripted extends Random {
        private final Deque<byte[]> draws;

        Scripted(List<byte[]> draws) {
            this.draws = new ArrayDeque<>(draws);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] next = draws.removeFirst();
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    @Test
    void aDrawThatIsAllDigitsIsRedrawn() {
        // the analysis id that an audit search once failed to find: sixteen digits, masked as a bank card
        Random source = new Scripted(List.of(hex("4363117711857881"), hex("13812345678a0b0c"), hex("43a31177b1857881")));
        assertThat(RecordIds.random("ana_", 8, source)).isEqualTo("ana_43a31177b1857881");
    }

    @Test
    void aRunOfTenDigitsIsKeptAndElevenIsNot() {
        Random source = new Scripted(List.of(hex("ab13812345678cde"), hex("ab1381234567acde")));
        assertThat(RecordIds.random("x_", 8, source)).isEqualTo("x_ab1381234567acde");
    }

    @Test
    void manyIdentifiersAreDistinctAndNoneHasElevenDigitsInARow() {
        Random seeded = new Random(20261128L);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String id = RecordIds.random("case_", 8, seeded);
            assertThat(id).startsWith("case_").hasSize(5 + 16);
            assertThat(RecordIds.longestDigitRun(id)).as(id).isLessThan(RecordIds.MAX_DIGIT_RUN);
            assertThat(seen.add(id)).as("drawn twice: %s", id).isTrue();
        }
    }

    @Test
    void fewerThanEightBytesIsRefused() {
        assertThatThrownBy(() -> RecordIds.random("x_", 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
    }

    @Test
    void theLongestDigitRunIsCounted() {
        assertThat(RecordIds.longestDigitRun("")).isZero();
        assertThat(RecordIds.longestDigitRun("ab12c345d")).isEqualTo(3);
        assertThat(RecordIds.longestDigitRun("12345678901")).isEqualTo(11);
    }
}
