package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.poyang.collect.impl.internal.StubCatalog.item;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RecordState;
import org.poyang.collect.api.RowQuery;
import org.poyang.platform.rest.ProblemException;

/**
 * The storage of an entry follows the catalog's changes to it (动态调整, Art. 9) without losing a
 * row or an earlier state (Art. 13): added items, removed items, and an item whose type changes.
 */
class SchemaChangeTest extends StoreTestBase {

    static final ResourceCode STATIONS = ResourceCode.parse("102003/000001");
    static final DataItem NO = item("编号", DataType.STRING, 20);
    static final DataItem NAME = item("名称", DataType.STRING, 50);
    static final DataItem QUANTITY_TEXT = item("数量", DataType.STRING, 10);
    static final DataItem REMARK = item("备注", DataType.STRING, 100);

    @BeforeEach
    void publishVersion1() {
        catalog.put(StubCatalog.entry(STATIONS.value(), "监测站点信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2),
                List.of(NO, NAME, QUANTITY_TEXT, REMARK)));
        configure(STATIONS, List.of("编号"), false, false);
        deliver(STATIONS, "b-1", upsert("编号", "A1", "名称", "甲", "数量", "42", "备注", "旧"),
                upsert("编号", "A2", "名称", "乙", "数量", "七", "备注", "x"));
    }

    /** Art. 9, 13: a new item is a new column, empty for the rows delivered before it. */
    @Test
    void art13AnAddedItemIsAnEmptyColumnForExistingRows() {
        catalog.revise(STATIONS, List.of(NO, NAME, QUANTITY_TEXT, REMARK, item("启用日期", DataType.DATE, null)));

        RecordingSink sink = read(STATIONS, RowQuery.all());
        assertThat(sink.names()).containsExactly("编号", "名称", "数量", "备注", "启用日期");
        assertThat(sink.maps()).hasSize(2).allSatisfy(m -> assertThat(m.get("启用日期")).isNull());
        assertThat(row(STATIONS, "编号", "A1")).containsEntry("名称", "甲").containsEntry("数量", "42").containsEntry("备注", "旧");

        deliver(STATIONS, "b-2", upsert("编号", "A3", "名称", "丙", "启用日期", "2026/3/5"));
        assertThat(row(STATIONS, "编号", "A3")).containsEntry("启用日期", "2026-03-05");
        assertThat(store.count(STATIONS, RowQuery.all())).isEqualTo(3);
    }

    /** Art. 13: re-delivering an unchanged row after an item was added is counted unchanged and stores no new version. */
    @Test
    void art13AnUnchangedRowAfterAnAddedItemStoresNoNewVersion() {
        catalog.revise(STATIONS, List.of(NO, NAME, QUANTITY_TEXT, REMARK, item("启用日期", DataType.DATE, null)));

        BatchReport r = deliver(STATIONS, "b-2", upsert("编号", "A1", "名称", "甲", "数量", "42", "备注", "旧"));

        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.applied()).isZero();
        assertThat(store.history(STATIONS, "A1")).hasSize(1);
    }

    /** Art. 13: an item that leaves the catalog leaves the rows read, but the earlier states keep its values. */
    @Test
    void art13ARemovedItemIsNoLongerReadButStaysInHistory() {
        catalog.revise(STATIONS, List.of(NO, NAME, QUANTITY_TEXT));

        RecordingSink sink = read(STATIONS, RowQuery.all());
        assertThat(sink.names()).containsExactly("编号", "名称", "数量");
        assertThat(sink.maps()).allSatisfy(m -> assertThat(m).doesNotContainKey("备注"));
        assertThat(row(STATIONS, "编号", "A1")).containsEntry("名称", "甲").containsEntry("数量", "42");
        assertThat(store.columns(STATIONS)).extracting(Column::name).doesNotContain("备注");

        // the item is gone from deliveries too
        ProblemException p = refused(STATIONS, "b-2", upsert("编号", "A1", "名称", "甲", "备注", "新"));
        assertThat(p.violations()).extracting(v -> v.field()).containsExactly("rows[1].备注");

        deliver(STATIONS, "b-3", upsert("编号", "A1", "名称", "甲二", "数量", "42"));
        List<RecordState> h = store.history(STATIONS, "A1");
        assertThat(h).hasSize(2);
        assertThat(h.get(0).values()).containsEntry("备注", "旧").containsEntry("名称", "甲");
        assertThat(h.get(1).values()).doesNotContainKey("备注").containsEntry("名称", "甲二");
    }

    /** Art. 13: a STRING item that becomes INTEGER carries its values over, typed; values that are no integer stay in history. */
    @Test
    void art13AStringItemThatBecomesIntegerCarriesItsValuesOver() {
        catalog.revise(STATIONS, List.of(NO, NAME, item("数量", DataType.INTEGER, null), REMARK));

        assertThat(store.columns(STATIONS)).filteredOn(c -> c.name().equals("数量")).singleElement()
                .satisfies(c -> assertThat(c.item().dataType()).isEqualTo(DataType.INTEGER));
        assertThat(row(STATIONS, "编号", "A1")).containsEntry("数量", "42");
        // the value is an integer now: a typed filter finds it
        assertThat(store.count(STATIONS, new RowQuery(Map.of("数量", "+42"), 0, Long.MAX_VALUE))).isEqualTo(1);
        // "七" is no integer: not in the new column, but the record's history still shows it
        assertThat(row(STATIONS, "编号", "A2")).containsEntry("名称", "乙").containsEntry("数量", null);
        assertThat(store.history(STATIONS, "A2")).singleElement().satisfies(s -> assertThat(s.values()).containsEntry("数量", "七"));

        ProblemException p = refused(STATIONS, "b-2", upsert("编号", "A3", "数量", "abc"));
        assertThat(p.violations()).extracting(v -> v.field()).containsExactly("rows[1].数量");
        deliver(STATIONS, "b-3", upsert("编号", "A3", "数量", "1,000"));
        assertThat(row(STATIONS, "编号", "A3")).containsEntry("数量", "1000");
    }

    /** Art. 9, 13: a changed storage is read back the same after a restart (the register and the row-key secret are in the database). */
    @Test
    void art13AChangedStorageReadsTheSameAfterARestart() {
        catalog.revise(STATIONS, List.of(NO, NAME, item("数量", DataType.INTEGER, null)));
        List<Map<String, String>> before = rows(STATIONS);
        List<RecordState> history = store.history(STATIONS, "A1");

        store = newStore();

        assertThat(rows(STATIONS)).isEqualTo(before);
        assertThat(store.history(STATIONS, "A1")).isEqualTo(history).hasSize(1);
        BatchReport r = deliver(STATIONS, "b-2", upsert("编号", "A1", "名称", "甲", "数量", "43"));
        assertThat(r.applied()).isEqualTo(1);
        assertThat(store.history(STATIONS, "A1")).extracting(RecordState::version).containsExactly(1, 2);
    }
}
