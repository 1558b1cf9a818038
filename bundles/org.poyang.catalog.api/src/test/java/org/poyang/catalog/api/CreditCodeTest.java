package org.poyang.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unified social credit codes of agencies (Art. 6, 9; GB 32100-2015). */
class CreditCodeTest {

    /** Codes of real registered enterprises, as published on their licences; independent of our algorithm. */
    @ParameterizedTest
    @ValueSource(strings = {"9144030071526726XG", "914403001922038216", "91330100799655058B", "91110000600037341L",
        "91110108551385082Q", "91350100M000100Y43"})
    void publishedCodesAreAccepted(String code) {
        assertThat(CreditCode.parse(code).value()).isEqualTo(code);
    }

    @Test
    void typedInputIsNormalised() {
        assertThat(CreditCode.parse("  9144030071526726xg ").value()).isEqualTo("9144030071526726XG");
        assertThat(CreditCode.parse("914403001922038216").registrationRegion()).isEqualTo("440300");
    }

    @Test
    @DisplayName("a wrong check character is refused and the right one named")
    void wrongCheckCharacter() {
        assertThatThrownBy(() -> CreditCode.parse("9144030071526726XH")).isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
            assertThat(e.field()).isEqualTo("creditCode");
            assertThat(e.messageZh()).contains("校验码").contains("'G'");
            assertThat(e.messageEn()).contains("check character");
        });
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        String valid = "91330100799655058B";
        for (int i = 0; i < 17; i++) {
            for (char c : CreditCode.CHARSET.toCharArray()) {
                if (c == valid.charAt(i)) {
                    continue;
                }
                String altered = valid.substring(0, i) + c + valid.substring(i + 1);
                assertThatThrownBy(() -> CreditCode.parse(altered)).as(altered).isInstanceOf(InvalidIdentifierException.class);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "91440300715267", "9144030071526726XGX", "9144030071526726XO", "Z144030071526726XG",
        "9044030071526726XG", "91A4030071526726XG"})
    void malformedCodesAreRefused(String code) {
        assertThatThrownBy(() -> CreditCode.parse(code)).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("(");
    }
}
