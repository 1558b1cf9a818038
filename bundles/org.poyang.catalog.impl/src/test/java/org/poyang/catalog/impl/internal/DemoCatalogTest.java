package org.poyang.catalog.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.NewAgency;
import org.poyang.catalog.api.RegionCode;
import org.poyang.platform.rest.Violation;

/** The demonstration catalog and the benchmark generator produce data the catalog accepts. */
class DemoCatalogTest {

    private static final List<NewAgency> DEMO_AGENCIES = DemoCatalog.agencies();
    private static final List<EntryDraft> DEMO_ENTRIES = DemoCatalog.entries(DEMO_AGENCIES);
    private static final List<NewAgency> GENERATED_AGENCIES = new CatalogGenerator(7).agencies(120);
    private static final List<EntryDraft> GENERATED_ENTRIES = new CatalogGenerator(7).entries(GENERATED_AGENCIES, 5_000);

    @Test
    void gb32100CreditCodesAndGbT2260RegionCodesAreValid() {
        for (NewAgency a : Stream.concat(DEMO_AGENCIES.stream(), GENERATED_AGENCIES.stream()).toList()) {
            CreditCode code = CreditCode.parse(a.creditCode());
            RegionCode region = RegionCode.parse(a.regionCode());
            assertThat(code.value()).isEqualTo(a.creditCode());
            assertThat(code.registrationRegion()).isEqualTo(region.value());
            assertThat(region.level().name()).isEqualTo(a.level());
        }
    }

    @Test
    void creditCodesAreUnique() {
        List<String> codes = Stream.concat(DEMO_AGENCIES.stream(), GENERATED_AGENCIES.stream()).map(NewAgency::creditCode).toList();
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(new CatalogGenerator(1).agencies(1_000)).extracting(NewAgency::creditCode).doesNotHaveDuplicates();
    }

    @Test
    void art9AgenciesPassTheRegisterRulesInListOrder() {
        for (List<NewAgency> agencies : List.of(DEMO_AGENCIES, GENERATED_AGENCIES)) {
            Map<CreditCode, Agency> register = register(agencies);
            assertThat(register).hasSameSizeAs(agencies);
        }
        assertThat(DEMO_AGENCIES).extracting(NewAgency::name).contains("江西省数据局", "江西省大数据中心", "江西省公安厅", "南昌市数据局");
        assertThat(GENERATED_AGENCIES).extracting(NewAgency::regionCode).contains("360000", "360100", "360500", "361100");
    }

    @Test
    void demoCatalogHasThreeToFourHundredEntries() {
        assertThat(DEMO_ENTRIES).hasSizeBetween(300, 400);
        assertThat(DEMO_ENTRIES).extracting(EntryDraft::scope).contains("360000", "360100", "360700");
    }

    @Test
    void art12EveryItemNameHasExactlyOneCollectingAgency() {
        assertOneCollectorPerItem(DEMO_ENTRIES);
        assertOneCollectorPerItem(GENERATED_ENTRIES);
    }

    @Test
    void art9ProvidersAndCollectingAgenciesAreRegisteredAgencies() {
        assertProvidersAndCollectorsAmong(DEMO_ENTRIES, DEMO_AGENCIES);
        assertProvidersAndCollectorsAmong(GENERATED_ENTRIES, GENERATED_AGENCIES);
    }

    @Test
    void art9NoEntryRepeatsAnItemName() {
        for (EntryDraft e : Stream.concat(DEMO_ENTRIES.stream(), GENERATED_ENTRIES.stream()).toList()) {
            assertThat(e.items()).as(e.name()).extracting(i -> DataItem.key(i.name())).doesNotHaveDuplicates();
        }
    }

    @Test
    void art8Art17Art22EveryDraftPassesTheContentRules() {
        assertPassContentRules(DEMO_ENTRIES, DEMO_AGENCIES);
        assertPassContentRules(GENERATED_ENTRIES, GENERATED_AGENCIES);
    }

    @Test
    void art17GeneratedOpenEntriesHoldNoPersonalItems() {
        for (EntryDraft e : GENERATED_ENTRIES) {
            if (!e.openType().equals("NOT_OPEN")) {
                assertThat(e.items()).as(e.name())
                        .allSatisfy(i -> assertThat(i.identifiesPerson().equals("false") && i.sensitiveType().equals("NONE")).isTrue());
            }
        }
        assertThat(GENERATED_ENTRIES).anySatisfy(e -> assertThat(e.items()).anySatisfy(i -> assertThat(i.sensitiveType()).isNotEqualTo("NONE")));
    }

    @Test
    void generationIsDeterministic() {
        assertThat(DemoCatalog.agencies()).isEqualTo(DEMO_AGENCIES);
        assertThat(DemoCatalog.entries(DemoCatalog.agencies())).isEqualTo(DEMO_ENTRIES);
        assertThat(new CatalogGenerator(7).agencies(120)).isEqualTo(GENERATED_AGENCIES);
        assertThat(new CatalogGenerator(7).entries(GENERATED_AGENCIES, 5_000)).isEqualTo(GENERATED_ENTRIES);
        assertThat(new CatalogGenerator(8).entries(GENERATED_AGENCIES, 100)).isNotEqualTo(GENERATED_ENTRIES.subList(0, 100));
    }

    @Test
    void generatedTextIsVariedChinese() {
        Set<String> names = new HashSet<>();
        for (EntryDraft e : GENERATED_ENTRIES) {
            names.add(e.name());
            assertThat(e.summary().length()).as(e.summary()).isBetween(40, 120);
            assertThat(e.summary()).containsPattern("\\p{IsHan}");
            assertThat(e.items()).hasSizeBetween(3, 10);
        }
        assertThat(names.size()).isGreaterThan(4_000);
    }

    private static Map<CreditCode, Agency> register(List<NewAgency> agencies) {
        Map<CreditCode, Agency> register = new LinkedHashMap<>();
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        for (NewAgency a : agencies) {
            Agency registered = AgencyRules.check(a, code -> Optional.ofNullable(register.get(code)), now);
            register.put(registered.creditCode(), registered);
        }
        return register;
    }

    private static void assertOneCollectorPerItem(List<EntryDraft> entries) {
        Map<String, Set<String>> collectors = new HashMap<>();
        for (EntryDraft e : entries) {
            for (EntryDraft.ItemDraft i : e.items()) {
                collectors.computeIfAbsent(DataItem.key(i.name()), k -> new HashSet<>()).add(i.collectingAgency());
            }
        }
        assertThat(collectors).isNotEmpty().allSatisfy((item, agencies) -> assertThat(agencies).as(item).hasSize(1));
    }

    private static void assertProvidersAndCollectorsAmong(List<EntryDraft> entries, List<NewAgency> agencies) {
        Set<String> codes = new HashSet<>(agencies.stream().map(NewAgency::creditCode).toList());
        for (EntryDraft e : entries) {
            assertThat(codes).as(e.name()).contains(e.provider());
            assertThat(e.items()).allSatisfy(i -> assertThat(codes).contains(i.collectingAgency()));
        }
    }

    private static void assertPassContentRules(List<EntryDraft> entries, List<NewAgency> agencies) {
        Map<CreditCode, Agency> register = register(agencies);
        EntryRules.Context context = new EntryRules.Context(code -> Optional.ofNullable(register.get(code)), Optional.empty(), 4);
        List<Violation> violations = new ArrayList<>();
        for (int n = 0; n < entries.size(); n++) {
            EntryRules.check(entries.get(n), context, "rows[" + (n + 1) + "].", violations);
        }
        assertThat(violations).isEmpty();
    }
}
