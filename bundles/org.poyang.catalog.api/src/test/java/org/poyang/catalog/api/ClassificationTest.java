package org.poyang.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Share and open attributes (Art. 17, 22), grades (Art. 8) and update frequencies (Art. 9, 13). */
class ClassificationTest {

    @Test
    void art22LegalBasisAndConditions() {
        assertThat(ShareType.UNCONDITIONAL.requiresLegalBasis()).isFalse();
        assertThat(ShareType.CONDITIONAL.requiresLegalBasis()).isTrue();
        assertThat(ShareType.NOT_SHARED.requiresLegalBasis()).isTrue();
        assertThat(ShareType.CONDITIONAL.requiresConditions()).isTrue();
        assertThat(ShareType.NOT_SHARED.requiresConditions()).isFalse();
    }

    @Test
    void art17OpenTypes() {
        assertThat(OpenType.NOT_OPEN.isOpen()).isFalse();
        assertThat(OpenType.CONDITIONAL.isOpen()).isTrue();
        assertThat(OpenType.UNCONDITIONAL.labelZh()).isEqualTo("无条件开放");
    }

    @Test
    void art8GradesAreTotallyOrdered() {
        assertThat(Grade.general(1)).isLessThan(Grade.general(4));
        assertThat(Grade.general(Grade.MAX_GENERAL_LEVEL)).isLessThan(Grade.IMPORTANT);
        assertThat(Grade.IMPORTANT).isLessThan(Grade.CORE);
        assertThat(Grade.general(2).labelZh()).isEqualTo("一般数据（2级）");
        assertThatThrownBy(() -> Grade.general(0)).isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> new Grade(Grade.Tier.CORE, 2)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void updateFrequenciesMapToDcatAndFreshness() {
        assertThat(UpdateFrequency.DAILY.dcatTerm()).endsWith("/frequency/DAILY");
        assertThat(UpdateFrequency.YEARLY.dcatTerm()).endsWith("/frequency/ANNUAL");
        assertThat(UpdateFrequency.WEEKLY.longestInterval()).contains(Duration.ofDays(7));
        assertThat(UpdateFrequency.IRREGULAR.longestInterval()).isEmpty();
    }
}
