package org.poyang.catalog.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.AdministrativeLevel;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.NewAgency;
import org.poyang.catalog.api.RegionCode;
import org.poyang.platform.rest.ProblemException;

/** Registration rules of the agency register (Art. 6, 9; GB 32100, GB/T 2260). */
class AgencyRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
    /** Published codes (checked independently of our algorithm), used here as fictitious agencies. */
    private static final String PROVINCE_CODE = "91110000600037341L";
    private static final String CITY_CODE = "91110108551385082Q";

    private final Map<CreditCode, Agency> register = new HashMap<>();

    private Agency check(NewAgency a) {
        return AgencyRules.check(a, code -> Optional.ofNullable(register.get(code)), NOW);
    }

    private void registerProvinceAgency() {
        Agency p = check(new NewAgency(PROVINCE_CODE, "江西省大数据中心", "360000", "PROVINCE", null));
        register.put(p.creditCode(), p);
    }

    @Test
    void validProvinceAgencyAndItsCityChild() {
        registerProvinceAgency();
        Agency city = check(new NewAgency(CITY_CODE.toLowerCase(), " 南昌市数据局 ", "360100", "city", PROVINCE_CODE));
        assertThat(city.level()).isEqualTo(AdministrativeLevel.CITY);
        assertThat(city.name()).isEqualTo("南昌市数据局");
        assertThat(city.parent()).isEqualTo(new CreditCode(PROVINCE_CODE));
        assertThat(city.region()).isEqualTo(new RegionCode("360100"));
    }

    @Test
    void everyViolationIsListedAtOnce() {
        assertThatThrownBy(() -> check(new NewAgency("9111000060003734XX", "", "99", "TOWN", "914403001922038216")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type().slug()).isEqualTo("validation-failed");
                    assertThat(e.violations()).extracting(v -> v.field())
                            .containsExactlyInAnyOrder("creditCode", "name", "regionCode", "level", "parentCreditCode");
                    assertThat(e.violations()).allSatisfy(v -> {
                        assertThat(v.messageZh()).containsPattern("\\p{IsHan}");
                        assertThat(v.messageEn()).isNotBlank();
                    });
                });
    }

    @Test
    void levelMustMatchTheRegionCode() {
        assertThatThrownBy(() -> check(new NewAgency(PROVINCE_CODE, "江西省大数据中心", "360100", "PROVINCE", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("level")));
    }

    @Test
    void childMustLieInsideItsParentsRegion() {
        registerProvinceAgency();
        assertThatThrownBy(() -> check(new NewAgency(CITY_CODE, "深圳某局", "440300", "CITY", PROVINCE_CODE)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("regionCode"));
    }

    @Test
    void parentMayNotBeAtALowerLevel() {
        Agency county = check(new NewAgency(PROVINCE_CODE, "东湖区数据局", "360102", "COUNTY", null));
        register.put(county.creditCode(), county);
        assertThatThrownBy(() -> check(new NewAgency(CITY_CODE, "南昌市数据局", "360100", "CITY", PROVINCE_CODE)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).contains("parentCreditCode", "regionCode"));
    }

    @Test
    void aRegisteredCodeIsAConflictNotAValidationError() {
        registerProvinceAgency();
        assertThatThrownBy(() -> check(new NewAgency(PROVINCE_CODE, "重复登记", "360000", "PROVINCE", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type().status()).isEqualTo(409);
                    assertThat(e.type().slug()).isEqualTo("catalog-agency-exists");
                });
    }

    @Test
    void unknownParentIsNamed() {
        assertThatThrownBy(() -> check(new NewAgency(CITY_CODE, "南昌市数据局", "360100", "CITY", PROVINCE_CODE)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> assertThat(v.messageEn()).contains(PROVINCE_CODE).contains("not registered")));
    }
}
