package org.poyang.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Administrative division codes (GB/T 2260) that scope catalogs and agencies (Art. 9). */
class RegionCodeTest {

    @Test
    void levelsAndContainment() {
        RegionCode jiangxi = RegionCode.parse("360000");
        RegionCode nanchang = RegionCode.parse("360100");
        RegionCode donghu = RegionCode.parse("360102");
        assertThat(jiangxi).isEqualTo(RegionCode.JIANGXI);
        assertThat(jiangxi.level()).isEqualTo(AdministrativeLevel.PROVINCE);
        assertThat(nanchang.level()).isEqualTo(AdministrativeLevel.CITY);
        assertThat(donghu.level()).isEqualTo(AdministrativeLevel.COUNTY);
        assertThat(jiangxi.contains(donghu)).isTrue();
        assertThat(nanchang.contains(donghu)).isTrue();
        assertThat(nanchang.contains(RegionCode.parse("360702"))).isFalse();
        assertThat(donghu.province()).isEqualTo(jiangxi);
        assertThat(RegionCode.parse("440300").contains(donghu)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"36000", "3601000", "36010A", "990000", "000000", "360012", " "})
    void malformedCodesAreRefused(String code) {
        assertThatThrownBy(() -> RegionCode.parse(code)).isInstanceOf(InvalidIdentifierException.class);
    }
}
