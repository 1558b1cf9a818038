package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;
import static org.poyang.collect.impl.internal.StubCatalog.item;
import static org.poyang.collect.impl.internal.TestClock.china;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectSettings;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.Freshness;
import org.poyang.collect.api.RecordState;
import org.poyang.collect.api.Row;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowRejection;
import org.poyang.platform.rest.ProblemException;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditUnavailableException;

/**
 * Deliveries, history, reading, settings and freshness of the resource store (归集, Art. 10, 13, 41)
 * on a real Derby: batches applied whole or not at all, idempotent re-sending, every earlier state
 * of a record recoverable, clear refusals naming rows and reasons, partial acceptance where an entry
 * allows it, quality figures, and the freshness clock over working days.
 */
class JdbcCollectServiceTest extends StoreTestBase {

    /** A published daily entry of general data (published on Monday 2026-03-02). */
    static final ResourceCode LICENCES = ResourceCode.parse("101001/000001");
    static final List<DataItem> LICENCE_ITEMS = List.of(item("编号", DataType.STRING, 20), item("名称", DataType.STRING, 50),
            item("数量", DataType.INTEGER, null), item("金额", DataType.DECIMAL, null), item("登记日期", DataType.DATE, null),
            item("有效", DataType.BOOLEAN, null));

    @BeforeEach
    void publish() {
        catalog.put(StubCatalog.entry(LICENCES.value(), "许可证信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2), LICENCE_ITEMS));
    }

    private void keyedBy(String... items) {
        configure(LICENCES, List.of(items), false, false);
    }

    private static Row licence(String no, String name, String quantity) {
        return upsert("编号", no, "名称", name, "数量", quantity);
    }

    /** Refuses the delivery with 422, stores no row and changes no stored row; returns the refusal. */
    private ProblemException rejectedWhole(String batchId, Row... rows) {
        List<Map<String, String>> before = rows(LICENCES);
        ProblemException p = refused(LICENCES, batchId, rows);
        assertThat(p.type().status()).as("status of " + p.getMessage()).isEqualTo(422);
        assertThat(rows(LICENCES)).as("rows after the refused batch").isEqualTo(before);
        return p;
    }

    // ------------------------------------------------------------------ atomicity (Art. 13)

    /** Art. 13: a batch is applied whole or not at all; a bad 3rd row of 5 leaves rows and history as they were. */
    @Test
    void art13ABatchWhoseThirdOfFiveRowsIsBadChangesNothing() {
        keyedBy("编号");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"), licence("A2", "乙", "2"));
        Instant firstDelivery = clock.instant();
        List<Map<String, String>> before = rows(LICENCES);
        List<RecordState> a1Before = store.history(LICENCES, "A1");
        clock.setChina("2026-03-02T11:00");

        ProblemException p = refused(LICENCES, "b-2", licence("A1", "甲", "9"), licence("A3", "丙", "3"),
                licence("A4", "丁", "abc"), licence("A5", "戊", "5"), delete("编号", "A2"));

        assertThat(p.type().status()).isEqualTo(422);
        assertThat(p.type().slug()).isEqualTo("batch-rejected");
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[3].数量");
            assertThat(v.messageEn()).contains("'abc' is not an integer");
            assertThat(v.messageZh()).contains("不是整数");
        });
        assertThat(rows(LICENCES)).isEqualTo(before);
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(2);
        assertThat(store.history(LICENCES, "A1")).isEqualTo(a1Before).hasSize(1);
        assertThat(store.history(LICENCES, "A2")).as("A2 not deleted").extracting(RecordState::op).containsExactly(Row.Op.UPSERT);
        assertThat(store.history(LICENCES, "A3")).isEmpty();
        assertThat(store.history(LICENCES, "A5")).isEmpty();
        assertThat(store.freshness(LICENCES, clock.instant()).lastDelivery()).as("a rejected batch is no delivery").isEqualTo(firstDelivery);
        // the refusal itself is on record, with its reason, and audited as a denial
        assertThat(store.batch(LICENCES, "b-2")).hasValueSatisfying(b -> {
            assertThat(b.status()).isEqualTo(BatchReport.Status.REJECTED);
            assertThat(b.rows()).isEqualTo(5);
            assertThat(b.applied()).isZero();
            assertThat(b.rejected()).isEqualTo(1);
            assertThat(b.rejections()).extracting(RowRejection::row, RowRejection::item).containsExactly(org.assertj.core.groups.Tuple.tuple(3, "数量"));
        });
        assertThat(audit.events.get(audit.events.size() - 1)).satisfies(ev -> {
            assertThat(ev.action()).isEqualTo("collect.deliver");
            assertThat(ev.outcome()).isEqualTo(AuditEvent.Outcome.DENY);
            assertThat(ev.resource()).isEqualTo(LICENCES.value());
        });
    }

    /**
     * Art. 13, 30: a failure after the rows were written (the audit record cannot be made before
     * the commit) leaves nothing behind: no row, no history, no batch report; the batch id stays
     * free and the same batch goes through once the audit trail is back.
     */
    @Test
    void art30AFailureAfterTheWritesStoresNothingAndTheBatchIdStaysFree() throws Exception {
        keyedBy("编号");
        deliver(LICENCES, "b-0", licence("A1", "甲", "1"));
        Instant firstDelivery = clock.instant();
        clock.setChina("2026-03-02T11:00");

        audit.down = true;
        Throwable t = catchThrowable(() -> deliver(LICENCES, "b-1", licence("A1", "甲", "7"), licence("A2", "乙", "2")));
        audit.down = false;

        assertThat(t).isNotNull().satisfiesAnyOf(
                x -> assertThat(x).isInstanceOf(AuditUnavailableException.class),
                x -> assertThat(x).isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(503)));
        assertThat(rows(LICENCES)).extracting(m -> m.get("编号") + "=" + m.get("数量")).containsExactly("A1=1");
        assertThat(store.history(LICENCES, "A1")).hasSize(1);
        assertThat(store.history(LICENCES, "A2")).isEmpty();
        assertThat(store.batch(LICENCES, "b-1")).isEmpty();
        assertThat(store.batches(LICENCES, 0, 10)).extracting(BatchReport::batchId).containsExactly("b-0");
        // the current state lives in the data table; the history table holds earlier states only, and
        // the failed batch left no before-image of A1 behind
        assertThat(rawCount("COLH_" + tableNo(LICENCES))).isZero();
        Freshness f = store.freshness(LICENCES, clock.instant());
        assertThat(f.lastDelivery()).isEqualTo(firstDelivery);
        assertThat(f.rows()).isEqualTo(1);

        BatchReport again = deliver(LICENCES, "b-1", licence("A1", "甲", "7"), licence("A2", "乙", "2"));
        assertThat(again.status()).isEqualTo(BatchReport.Status.ACCEPTED);
        assertThat(again.replayed()).isFalse();
        assertThat(again.applied()).isEqualTo(2);
        assertThat(row(LICENCES, "编号", "A1")).containsEntry("数量", "7");
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(2);
    }

    // ------------------------------------------------------------------ idempotency

    /** Art. 13: re-sending an applied batch answers with the first report and stores no new version. */
    @Test
    void art13ReSendingAnAppliedBatchIsAReplayThatChangesNothing() {
        keyedBy("编号");
        BatchReport first = deliver(LICENCES, "b-1", licence("A1", "甲", "1"), licence("A2", "乙", "2"));
        assertThat(first.replayed()).isFalse();
        assertThat(first.applied()).isEqualTo(2);
        clock.setChina("2026-03-02T15:00");

        BatchReport again = deliver(LICENCES, "b-1", licence("A1", "甲", "1"), licence("A2", "乙", "2"));

        assertThat(again.replayed()).isTrue();
        assertThat(again.status()).isEqualTo(BatchReport.Status.ACCEPTED);
        assertThat(again.applied()).isEqualTo(2);
        assertThat(again.receivedAt()).as("the first report").isEqualTo(first.receivedAt());
        assertThat(store.history(LICENCES, "A1")).hasSize(1);
        assertThat(store.history(LICENCES, "A2")).hasSize(1);
        assertThat(store.batches(LICENCES, 0, 10)).hasSize(1);
        assertThat(store.freshness(LICENCES, clock.instant()).lastDelivery()).isEqualTo(first.receivedAt());
    }

    /** Art. 13: the same batch id with other rows is a conflict (409) and changes nothing. */
    @Test
    void art13TheSameBatchIdWithDifferentRowsIsAConflict() {
        keyedBy("编号");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));

        ProblemException p = refused(LICENCES, "b-1", licence("A1", "甲", "2"));

        assertThat(p.type().status()).isEqualTo(409);
        assertThat(p.detail()).contains("b-1");
        assertThat(row(LICENCES, "编号", "A1")).containsEntry("数量", "1");
        assertThat(store.history(LICENCES, "A1")).hasSize(1);
    }

    /** Art. 13: a rejected batch changed nothing, so its id may carry the corrected rows. */
    @Test
    void art13ARejectedBatchIdMayBeReusedForTheCorrectedRows() {
        keyedBy("编号");
        rejectedWhole("b-7", licence("A1", "甲", "1"), licence("A2", "乙", "二"));
        assertThat(store.batch(LICENCES, "b-7")).map(BatchReport::status).contains(BatchReport.Status.REJECTED);

        BatchReport fixed = deliver(LICENCES, "b-7", licence("A1", "甲", "1"), licence("A2", "乙", "2"));

        assertThat(fixed.status()).isEqualTo(BatchReport.Status.ACCEPTED);
        assertThat(fixed.replayed()).isFalse();
        assertThat(fixed.applied()).isEqualTo(2);
        assertThat(store.batch(LICENCES, "b-7")).hasValueSatisfying(b -> {
            assertThat(b.status()).isEqualTo(BatchReport.Status.ACCEPTED);
            assertThat(b.rejections()).isEmpty();
        });
        assertThat(store.rejections(LICENCES, "b-7", 0, 100)).isEmpty();
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(2);
    }

    // ------------------------------------------------------------------ history (Art. 13)

    /**
     * Art. 13: insert, update, identical re-delivery (unchanged, no new version) and deletion; the
     * history returns every stored state oldest first with the earlier values recoverable.
     */
    @Test
    void art13EveryStateOfARecordIsKeptOldestFirstIncludingItsDeletion() {
        keyedBy("编号");
        Instant t1 = clock.instant();
        BatchReport r1 = deliver(LICENCES, "b-1", upsert("编号", "A1", "名称", "甲", "数量", "1", "金额", "10.50", "登记日期", "2026/3/2"));
        assertThat(r1.applied()).isEqualTo(1);

        clock.setChina("2026-03-02T11:00");
        Instant t2 = clock.instant();
        BatchReport r2 = deliver(LICENCES, "b-2", upsert("编号", "A1", "名称", "甲", "数量", "2", "金额", "10.50", "登记日期", "2026/3/2"));
        assertThat(r2.applied()).isEqualTo(1);
        assertThat(r2.unchanged()).isZero();

        clock.setChina("2026-03-02T12:00");
        // the same values, written differently: cleaned, they are the record's current state
        BatchReport r3 = deliver(LICENCES, "b-3", upsert("编号", "A1", "名称", " 甲 ", "数量", "２", "金额", "10.5", "登记日期", "2026-03-02"));
        assertThat(r3.unchanged()).isEqualTo(1);
        assertThat(r3.applied()).isZero();
        assertThat(r3.status()).isEqualTo(BatchReport.Status.ACCEPTED);

        clock.setChina("2026-03-02T13:00");
        Instant t4 = clock.instant();
        BatchReport r4 = deliver(LICENCES, "b-4", delete("编号", "A1"));
        assertThat(r4.applied()).isEqualTo(1);

        List<RecordState> h = store.history(LICENCES, "A1");
        assertThat(h).extracting(RecordState::version).containsExactly(1, 2, 3);
        assertThat(h).extracting(RecordState::op).containsExactly(Row.Op.UPSERT, Row.Op.UPSERT, Row.Op.DELETE);
        assertThat(h).extracting(RecordState::batchId).containsExactly("b-1", "b-2", "b-4");
        assertThat(h).extracting(RecordState::at).containsExactly(t1, t2, t4);
        assertThat(h).extracting(RecordState::key).containsOnly("A1");
        assertThat(h.get(0).values()).containsEntry("编号", "A1").containsEntry("名称", "甲").containsEntry("数量", "1")
                .containsEntry("金额", "10.5").containsEntry("登记日期", "2026-03-02").doesNotContainKey("有效");
        assertThat(h.get(1).values()).containsEntry("数量", "2");
        assertThat(h.get(2).values()).isEmpty();
        assertThat(store.count(LICENCES, RowQuery.all())).isZero();
        assertThat(store.freshness(LICENCES, clock.instant()).rows()).isZero();
    }

    /** Art. 13: a record deleted and delivered again continues its history; its earlier states stay recoverable. */
    @Test
    void art13ARecordDeliveredAgainAfterItsDeletionContinuesItsHistory() {
        keyedBy("编号");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));
        deliver(LICENCES, "b-2", delete("编号", "A1"));

        BatchReport again = deliver(LICENCES, "b-3", licence("A1", "甲", "5"));

        assertThat(again.applied()).isEqualTo(1);
        assertThat(row(LICENCES, "编号", "A1")).containsEntry("数量", "5");
        List<RecordState> h = store.history(LICENCES, "A1");
        assertThat(h).extracting(RecordState::op).containsExactly(Row.Op.UPSERT, Row.Op.DELETE, Row.Op.UPSERT);
        assertThat(h).extracting(RecordState::version).containsExactly(1, 2, 3);
        assertThat(h.get(0).values()).containsEntry("数量", "1");
        assertThat(store.freshness(LICENCES, clock.instant()).rows()).isEqualTo(1);
    }

    /** Art. 13: with a key of two items, history is asked with both values separated by '|'. */
    @Test
    void art13HistoryOfACompositeKeyIsAskedWithTheValuesSeparatedByABar() {
        ResourceCode permits = ResourceCode.parse("101001/000003");
        catalog.put(StubCatalog.entry(permits.value(), "排污许可信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2),
                List.of(item("地区", DataType.STRING, 6), item("编号", DataType.STRING, 20), item("名称", DataType.STRING, 50))));
        configure(permits, List.of("地区", "编号"), false, false);
        deliver(permits, "b-1", upsert("地区", "360100", "编号", "P1", "名称", "甲"), upsert("地区", "360200", "编号", "P1", "名称", "乙"));
        deliver(permits, "b-2", upsert("地区", "360100", "编号", "P1", "名称", "甲二"));

        assertThat(store.count(permits, RowQuery.all())).as("same number in two regions: two records").isEqualTo(2);
        assertThat(store.history(permits, "360100|P1")).extracting(s -> s.values().get("名称")).containsExactly("甲", "甲二");
        assertThat(store.history(permits, "360200|P1")).extracting(s -> s.values().get("名称")).containsExactly("乙");
        assertThat(store.history(permits, "360300|P1")).isEmpty();
        assertThatThrownBy(() -> store.history(permits, "360100")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.type().status()).isEqualTo(422));
    }

    /**
     * Art. 13: the history of a composite key is found when the key items are configured in another
     * order than the catalog lists them (values given in the configured order).
     */
    @Test
    void art13HistoryOfACompositeKeyConfiguredInAnotherOrderThanTheItemsIsFound() {
        ResourceCode permits = ResourceCode.parse("101001/000003");
        catalog.put(StubCatalog.entry(permits.value(), "排污许可信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2),
                List.of(item("地区", DataType.STRING, 6), item("编号", DataType.STRING, 20), item("名称", DataType.STRING, 50))));
        configure(permits, List.of("编号", "地区"), false, false);
        deliver(permits, "b-1", upsert("地区", "360100", "编号", "P1", "名称", "甲"));

        assertThat(store.history(permits, "P1|360100")).extracting(s -> s.values().get("名称")).containsExactly("甲");
    }

    // ------------------------------------------------------------------ bad input (Art. 13)

    /** Art. 13: a value of the wrong type is rejected naming row, item and reason. */
    @Test
    void art13AValueOfTheWrongTypeIsRejectedNamingRowAndItem() {
        keyedBy("编号");
        ProblemException p = rejectedWhole("b-1", licence("A1", "甲", "1"), licence("A2", "乙", "abc"));
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[2].数量");
            assertThat(v.messageEn()).contains("not an integer");
        });
        assertThat(store.count(LICENCES, RowQuery.all())).isZero();
    }

    /** Art. 13: a column that is no item of the entry is rejected. */
    @Test
    void art13AnUnknownColumnIsRejected() {
        keyedBy("编号");
        ProblemException p = rejectedWhole("b-1", upsert("编号", "A1", "名称", "甲", "颜色", "红"));
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[1].颜色");
            assertThat(v.messageEn()).contains("not a data item");
            assertThat(v.messageZh()).contains("颜色");
        });
    }

    /** Art. 13: GBK text sent as UTF-8 arrives with U+FFFD and is rejected as an encoding error. */
    @Test
    void art13TextInTheWrongEncodingIsRejected() {
        keyedBy("编号");
        String garbled = new String("南昌市东湖区".getBytes(Charset.forName("GBK")), StandardCharsets.UTF_8);
        assertThat(garbled).contains("\uFFFD");
        ProblemException p = rejectedWhole("b-1", licence("A1", "甲", "1"), upsert("编号", "A2", "名称", garbled));
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[2].名称");
            assertThat(v.messageEn()).contains("U+FFFD");
            assertThat(v.messageZh()).contains("编码");
        });
    }

    /** Art. 13: a key repeated within a batch is rejected naming the earlier row. */
    @Test
    void art13ADuplicateKeyInOneBatchIsRejectedNamingTheEarlierRow() {
        keyedBy("编号");
        ProblemException p = rejectedWhole("b-1", licence("A1", "甲", "1"), licence("A2", "乙", "2"), licence("A1", "甲", "3"));
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[3]");
            assertThat(v.messageEn()).contains("row 1");
            assertThat(v.messageZh()).contains("第 1 行");
        });
        assertThat(store.count(LICENCES, RowQuery.all())).isZero();
    }

    /** Art. 13: with deduplication configured, the last row of a repeated key wins. */
    @Test
    void art13WithDeduplicationTheLastRowOfARepeatedKeyWins() {
        configure(LICENCES, List.of("编号"), false, true);
        BatchReport r = deliver(LICENCES, "b-1", licence("A1", "甲", "1"), licence("A2", "乙", "2"), licence("A1", "甲", "3"));

        assertThat(r.status()).isEqualTo(BatchReport.Status.ACCEPTED);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.applied()).isEqualTo(2);
        assertThat(r.rejected()).isZero();
        assertThat(row(LICENCES, "编号", "A1")).containsEntry("数量", "3");
        assertThat(store.history(LICENCES, "A1")).singleElement().satisfies(s -> assertThat(s.values()).containsEntry("数量", "3"));
    }

    /**
     * Art. 13: a large batch is checked on every core and its stored records looked up many keys
     * at a time, yet it behaves as row-by-row processing would: the last of a repeated key wins,
     * bad rows anywhere are named with their row numbers, and a re-delivery changes exactly the
     * records whose content changed (look-ups across several chunks and a short last one).
     */
    @Test
    void art13ALargeBatchIsCheckedAndAppliedAsRowByRowProcessingWould() {
        configure(LICENCES, List.of("编号"), false, true);
        int n = 5_003;
        Row[] first = new Row[n + 1];
        for (int i = 0; i < n; i++) {
            first[i] = licence("K" + i, "名称" + i, Integer.toString(i));
        }
        first[n] = licence("K7", "名称7", "777"); // a repeated key: the later row wins
        BatchReport r = deliver(LICENCES, "big-1", first);
        assertThat(r.status()).isEqualTo(BatchReport.Status.ACCEPTED);
        assertThat(r.applied()).isEqualTo(n);
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(n);
        assertThat(row(LICENCES, "编号", "K7")).containsEntry("数量", "777");

        // every third record changes; bad rows near both ends are named, and nothing is applied
        Row[] second = new Row[n];
        for (int i = 0; i < n; i++) {
            second[i] = licence("K" + i, "名称" + i, Integer.toString(i % 3 == 0 ? i + 1 : i == 7 ? 777 : i));
        }
        second[1] = licence("K1", "名称1", "x");
        second[n - 2] = licence("K" + (n - 2), "名称", "y");
        ProblemException p = refused(LICENCES, "big-2", second);
        assertThat(p.violations()).extracting(v -> v.field()).containsExactly("rows[2].数量", "rows[" + (n - 1) + "].数量");
        assertThat(row(LICENCES, "编号", "K3")).as("nothing applied").containsEntry("数量", "3");

        second[1] = licence("K1", "名称1", "1");
        second[n - 2] = licence("K" + (n - 2), "名称" + (n - 2), Integer.toString(n - 2 + ((n - 2) % 3 == 0 ? 1 : 0)));
        BatchReport again = deliver(LICENCES, "big-3", second);
        int changed = (n + 2) / 3;
        assertThat(again.applied()).isEqualTo(changed);
        assertThat(again.unchanged()).isEqualTo(n - changed);
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(n);
        assertThat(row(LICENCES, "编号", "K3")).containsEntry("数量", "4");
        assertThat(store.history(LICENCES, "K3")).extracting(st -> st.values().get("数量")).containsExactly("3", "4");
        assertThat(store.history(LICENCES, "K" + (n - 1))).as("the last key, in the short last look-up").hasSize(1);
    }

    /**
     * Values that a bulk-load channel must escape (on PostgreSQL new records go by COPY, whose text
     * format gives backslash, tab and line breaks a meaning, and reads \N as null) are stored as sent.
     */
    @Test
    void valuesWithBackslashesTabsAndLineBreaksAreStoredAsSent() {
        store.configure(LICENCES, new CollectSettings(List.of("编号"), false, false, CollectSettings.Cleaning.NONE, Map.of()), "admin-1");
        List<String> names = List.of("C:\\数据\\N", "\\N", "甲\t乙", "第一行\n第二行\r\n第三行", "");
        Row[] rows = new Row[names.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = licence("E" + i, names.get(i), Integer.toString(i));
        }
        deliver(LICENCES, "escapes-1", rows);
        for (int i = 0; i < rows.length; i++) {
            Map<String, String> stored = row(LICENCES, "编号", "E" + i);
            String expected = names.get(i).isEmpty() ? null : names.get(i);
            assertThat(stored).as("record E" + i).containsEntry("名称", expected).containsEntry("数量", Integer.toString(i));
        }
    }

    /** Art. 10: data is aggregated for published entries only; a draft or withdrawn entry takes no batch. */
    @Test
    void art10ABatchForAnUnpublishedEntryIsAConflict() {
        ResourceCode draft = ResourceCode.parse("101001/000009");
        catalog.put(StubCatalog.entry(draft.value(), "草稿信息", StubCatalog.PROVIDER, UpdateFrequency.DAILY, null, EntryStatus.DRAFT, LICENCE_ITEMS));

        ProblemException p = refused(draft, "b-1", licence("A1", "甲", "1"));
        assertThat(p.type().status()).isEqualTo(409);
        assertThat(p.type().slug()).isEqualTo("entry-not-published");
        assertThat(store.batch(draft, "b-1")).isEmpty();

        keyedBy("编号");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));
        catalog.setStatus(LICENCES, EntryStatus.WITHDRAWN);
        ProblemException withdrawn = refused(LICENCES, "b-2", licence("A2", "乙", "2"));
        assertThat(withdrawn.type().slug()).isEqualTo("entry-not-published");
        assertThat(store.batch(LICENCES, "b-2")).isEmpty();
    }

    /** A batch for an entry the catalog does not know is not found (404). */
    @Test
    void aBatchForAnUnknownEntryIsNotFound() {
        ProblemException p = refused(ResourceCode.parse("101001/000404"), "b-1", licence("A1", "甲", "1"));
        assertThat(p.type().status()).isEqualTo(404);
    }

    /** Art. 13: a batch id must be 1 to 64 letters, digits or . _ : - starting with a letter or digit. */
    @ParameterizedTest
    @ValueSource(strings = {"", " b1", "-b1", "b 1", "批次1", "b/1", "b1\n",
            "b1234567890123456789012345678901234567890123456789012345678901234"})
    void art13AnInvalidBatchIdIsRefused(String batchId) {
        ProblemException p = rejectedWhole(batchId, licence("A1", "甲", "1"));
        assertThat(p.violations()).extracting(v -> v.field()).containsExactly("batchId");
        assertThat(store.batches(LICENCES, 0, 10)).isEmpty();
    }

    /** The longest batch id accepted is 64 characters. */
    @Test
    void aBatchIdOf64CharactersIsAccepted() {
        keyedBy("编号");
        String id = "B" + "x".repeat(61) + ".1";
        assertThat(id).hasSize(64);
        assertThat(deliver(LICENCES, id, licence("A1", "甲", "1")).status()).isEqualTo(BatchReport.Status.ACCEPTED);
        assertThat(store.batch(LICENCES, id)).isPresent();
    }

    /** Art. 13: an empty batch is refused as such. */
    @Test
    void art13AnEmptyBatchIsRefused() {
        ProblemException p = rejectedWhole("b-1");
        assertThat(p.violations()).singleElement().satisfies(v -> assertThat(v.messageEn()).contains("no rows"));
        assertThat(store.freshness(LICENCES, clock.instant()).lastDelivery()).isNull();
    }

    /** Art. 13: deleting a key that has no record is a rejection, and the batch's other rows are not applied. */
    @Test
    void art13DeletingAKeyThatDoesNotExistIsRejected() {
        keyedBy("编号");
        deliver(LICENCES, "b-0", licence("A1", "甲", "1"));
        ProblemException p = rejectedWhole("b-1", licence("A5", "戊", "5"), delete("编号", "Z9"), delete("编号", "A1"));
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[2]");
            assertThat(v.messageEn()).contains("no record with this key");
        });
        assertThat(row(LICENCES, "编号", "A1")).isNotNull();
        assertThat(row(LICENCES, "编号", "A5")).isNull();
    }

    /** Art. 13: a deletion names only the key items; an empty key item is rejected. */
    @Test
    void art13ADeletionWithOtherValuesAndARowWithoutItsKeyAreRejected() {
        keyedBy("编号");
        deliver(LICENCES, "b-0", licence("A1", "甲", "1"));
        ProblemException p = rejectedWhole("b-1", delete("编号", "A1", "名称", "甲"), upsert("名称", "无编号", "数量", "1"));
        assertThat(p.violations()).extracting(v -> v.field() + ": " + v.messageEn()).containsExactly(
                "rows[1].名称: a deletion names only the key items", "rows[2].编号: a key item must not be empty");
    }

    /** Art. 13: every bad row of a batch is named at once, in row order. */
    @Test
    void art13EveryBadRowIsNamedInOneRefusal() {
        keyedBy("编号");
        ProblemException p = rejectedWhole("b-1", upsert("编号", "A1", "登记日期", "2026-02-30"), licence("A2", "乙", "2"),
                upsert("编号", "A3", "有效", "也许", "金额", "1.2.3"));
        assertThat(p.violations()).extracting(v -> v.field()).containsExactly("rows[1].登记日期", "rows[3].金额", "rows[3].有效");
    }

    // ------------------------------------------------------------------ partial acceptance and quality

    /** Art. 13: where the entry allows it, the valid rows are applied and the rejected ones reported with reasons. */
    @Test
    void art13PartialAcceptanceAppliesTheValidRowsAndListsTheRejectedOnes() {
        configure(LICENCES, List.of("编号"), true, false);
        BatchReport r = deliver(LICENCES, "b-1", licence("A1", "甲", "1"), upsert("编号", "A2", "数量", "abc", "有效", "也许"),
                licence("A3", "丙", "3"), upsert("编号", "A4", "登记日期", "2026/2/30"), licence("A5", "戊", "5"));

        assertThat(r.status()).isEqualTo(BatchReport.Status.PARTIALLY_ACCEPTED);
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.applied()).isEqualTo(3);
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.rejections()).extracting(RowRejection::row, RowRejection::item).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "数量"), org.assertj.core.groups.Tuple.tuple(2, "有效"),
                org.assertj.core.groups.Tuple.tuple(4, "登记日期"));
        assertThat(store.rejections(LICENCES, "b-1", 0, 100)).isEqualTo(r.rejections());
        assertThat(store.rejections(LICENCES, "b-1", 2, 10)).singleElement().satisfies(x -> {
            assertThat(x.row()).isEqualTo(4);
            assertThat(x.reasonEn()).contains("not a valid date");
            assertThat(x.reasonZh()).contains("不是有效日期");
        });
        assertThat(rows(LICENCES)).extracting(m -> m.get("编号")).containsExactlyInAnyOrder("A1", "A3", "A5");
        assertThat(store.batch(LICENCES, "b-1")).map(BatchReport::status).contains(BatchReport.Status.PARTIALLY_ACCEPTED);
    }

    /** Art. 13: a partially accepting entry still rejects a batch none of whose rows can be applied, and records no delivery. */
    @Test
    void art13PartialAcceptanceWithNothingToApplyIsARejection() {
        configure(LICENCES, List.of("编号"), true, false);
        ProblemException bad = refused(LICENCES, "b-1", licence("A1", "甲", "abc"));
        assertThat(bad.type().status()).isEqualTo(422);

        Throwable t = catchThrowable(() -> deliver(LICENCES, "b-2", delete("编号", "Z9")));
        assertThat(store.batch(LICENCES, "b-2")).map(BatchReport::status).as("a deletion of a missing key alone")
                .contains(BatchReport.Status.REJECTED);
        assertThat(t).isInstanceOf(ProblemException.class);
        assertThat(store.freshness(LICENCES, clock.instant()).lastDelivery()).isNull();
    }

    /** Art. 13: completeness and validity of a partially accepted batch are what its rows imply; both kept with the batch. */
    @Test
    void art13QualityFiguresOfAPartiallyAcceptedBatchAreWhatItsRowsImply() {
        configure(LICENCES, List.of("编号"), true, false);
        BatchReport r = deliver(LICENCES, "b-1",
                upsert("编号", "A1", "名称", "甲", "数量", "1", "金额", "2.5", "登记日期", "2026-03-01", "有效", "是"), // 6 of 6
                upsert("编号", "A2", "名称", "乙"), // 2 of 6
                upsert("编号", "A3", "数量", "abc"), // rejected
                upsert("编号", "A4", "名称", "", "数量", "4", "有效", "否")); // 3 of 6

        assertThat(r.status()).isEqualTo(BatchReport.Status.PARTIALLY_ACCEPTED);
        assertThat(r.quality().completeness()).isCloseTo(11.0 / 18.0, within(1e-9));
        assertThat(r.quality().validity()).isCloseTo(0.75, within(1e-9));
        assertThat(r.quality().timely()).isTrue();
        assertThat(store.batch(LICENCES, "b-1")).map(BatchReport::quality).contains(r.quality());
    }

    /** Art. 13: a whole, complete batch has completeness and validity 1. */
    @Test
    void art13AWholeCompleteBatchHasFullQuality() {
        keyedBy("编号");
        BatchReport r = deliver(LICENCES, "b-1",
                upsert("编号", "A1", "名称", "甲", "数量", "1", "金额", "2.5", "登记日期", "2026-03-01", "有效", "是"));
        assertThat(r.quality().completeness()).isEqualTo(1.0);
        assertThat(r.quality().validity()).isEqualTo(1.0);
    }

    /** Art. 13, 41: a batch after its due day is recorded as not timely; the next one on time is. */
    @Test
    void art41ABatchAfterItsDueDayIsNotTimely() {
        keyedBy("编号");
        // published Monday 2026-03-02: the first delivery was due by the end of Tuesday
        clock.setChina("2026-03-05T09:00");
        assertThat(deliver(LICENCES, "b-1", licence("A1", "甲", "1")).quality().timely()).isFalse();
        clock.setChina("2026-03-06T09:00");
        assertThat(deliver(LICENCES, "b-2", licence("A1", "甲", "2")).quality().timely()).isTrue();
        assertThat(store.batch(LICENCES, "b-1")).map(b -> b.quality().timely()).contains(false);
    }

    // ------------------------------------------------------------------ code tables and settings

    /** Art. 13: values of an item with a code table are stored as codes; others are rejected. */
    @Test
    void art13ACodeTableTurnsValuesIntoCodesAndRejectsTheRest() {
        store.configure(LICENCES, new CollectSettings(List.of("编号"), false, false, CollectSettings.Cleaning.ALL,
                Map.of("名称", Map.of("甲公司", "J01", "乙公司", "Y02"))), "admin-1");
        deliver(LICENCES, "b-1", upsert("编号", "A1", "名称", "甲公司"), upsert("编号", "A2", "名称", "Y02"));
        assertThat(row(LICENCES, "编号", "A1")).containsEntry("名称", "J01");
        assertThat(row(LICENCES, "编号", "A2")).containsEntry("名称", "Y02");

        ProblemException p = rejectedWhole("b-2", upsert("编号", "A3", "名称", "丙公司"));
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[1].名称");
            assertThat(v.messageEn()).contains("not in the code table");
        });
    }

    /** Settings are the defaults until configured; a key item must be an item of the entry; the change is audited. */
    @Test
    void settingsAreDefaultsUntilConfiguredAndAKeyItemMustBeAnItem() {
        assertThat(store.settings(LICENCES)).isEqualTo(CollectSettings.defaults());
        assertThatThrownBy(() -> configure(LICENCES, List.of("编号", "不存在"), false, false))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type().status()).isEqualTo(422);
                    assertThat(p.violations()).extracting(v -> v.field()).containsExactly("keyItems[1]");
                });
        assertThat(store.settings(LICENCES)).isEqualTo(CollectSettings.defaults());

        CollectSettings s = new CollectSettings(List.of("编号"), true, true, new CollectSettings.Cleaning(true, false, true, true),
                Map.of("名称", Map.of("甲公司", "J01")));
        store.configure(LICENCES, s, "admin-1");
        assertThat(store.settings(LICENCES)).isEqualTo(s);
        assertThat(newStore().settings(LICENCES)).as("after a restart").isEqualTo(s);
        assertThat(audit.events).anySatisfy(ev -> {
            assertThat(ev.action()).isEqualTo("collect.configure");
            assertThat(ev.subject()).isEqualTo("admin-1");
            assertThat(ev.resource()).isEqualTo(LICENCES.value());
        });
        assertThat(store.columns(LICENCES)).filteredOn(Column::key).extracting(Column::name).containsExactly("编号");
    }

    /** Once an entry holds rows its key items cannot change (409); the other settings can. */
    @Test
    void keyItemsCannotChangeOnceTheEntryHoldsRows() {
        keyedBy("编号");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));
        assertThatThrownBy(() -> configure(LICENCES, List.of("编号", "名称"), false, false))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(409));
        configure(LICENCES, List.of("编号"), true, false);
        assertThat(store.settings(LICENCES).partialAcceptance()).isTrue();
        assertThat(store.settings(LICENCES).keyItems()).containsExactly("编号");
    }

    // ------------------------------------------------------------------ reading

    private void fiveLicences() {
        keyedBy("编号");
        deliver(LICENCES, "b-1",
                upsert("编号", "A1", "名称", "甲", "数量", "1", "金额", "1,234,567.50", "登记日期", "2026年3月5日", "有效", "是"),
                licence("A2", "乙", "1"), licence("A3", "甲", "2"), licence("A4", "甲", "1"), upsert("编号", "A5", "名称", "丙"));
    }

    /** The sink gets the columns once, before the rows; values come as text (ISO dates, plain decimals). */
    @Test
    void readingGivesTheColumnsOnceThenEveryRowAsText() {
        fiveLicences();
        RecordingSink all = read(LICENCES, RowQuery.all());

        assertThat(all.calls).containsExactly("columns", "row", "row", "row", "row", "row");
        assertThat(all.names()).containsExactly("编号", "名称", "数量", "金额", "登记日期", "有效");
        assertThat(all.columns).extracting(Column::key).containsExactly(true, false, false, false, false, false);
        assertThat(all.columns).extracting(Column::encrypted).containsOnly(false);
        Map<String, String> a1 = all.maps().stream().filter(m -> "A1".equals(m.get("编号"))).findFirst().orElseThrow();
        assertThat(a1).containsEntry("金额", "1234567.5").containsEntry("登记日期", "2026-03-05").containsEntry("有效", "true")
                .containsEntry("数量", "1");
        Map<String, String> a5 = all.maps().stream().filter(m -> "A5".equals(m.get("编号"))).findFirst().orElseThrow();
        assertThat(a5.get("数量")).isNull();
        assertThat(a5.get("有效")).isNull();

        RecordingSink none = read(LICENCES, new RowQuery(Map.of("名称", "无此名称"), 0, Long.MAX_VALUE));
        assertThat(none.calls).containsExactly("columns");
    }

    /**
     * Art. 19: a record taken down pending an objection leaves every read, page and count at once and
     * is still stored; it comes back when released; an unknown key cannot be hidden; both steps are audited.
     */
    @Test
    void aHiddenRecordLeavesEveryReadAndCountUntilItIsReleased() {
        fiveLicences();
        store.hide(LICENCES, "A3", "case_1", "个人信息异议，先行下架", "officer");
        store.hide(LICENCES, "A3", "case_1", "again", "officer"); // the same hold twice changes nothing
        store.hide(LICENCES, "A3", "case_2", "又一件异议", "officer");
        assertThat(read(LICENCES, RowQuery.all()).values("编号")).containsExactlyInAnyOrder("A1", "A2", "A4", "A5");
        assertThat(read(LICENCES, new RowQuery(Map.of("名称", "甲"), 0, Long.MAX_VALUE)).values("编号")).containsExactlyInAnyOrder("A1", "A4");
        assertThat(read(LICENCES, new RowQuery(Map.of(), 0, 10)).values("编号")).hasSize(4).doesNotContain("A3");
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(4);
        assertThat(store.count(LICENCES, new RowQuery(Map.of("名称", "甲"), 0, 10))).isEqualTo(2);
        assertThat(store.exists(LICENCES, "A3")).as("still stored").isTrue();
        assertThat(store.history(LICENCES, "A3")).isNotEmpty();
        assertThatThrownBy(() -> store.hide(LICENCES, "A9", "case_3", "no such record", "officer")).isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(store.exists(LICENCES, "A9")).isFalse();

        store.unhide(LICENCES, "A3", "case_1", "异议不成立", "officer");
        assertThat(read(LICENCES, RowQuery.all()).values("编号")).as("still held by case_2").doesNotContain("A3");
        store.unhide(LICENCES, "A3", "case_2", "异议撤回", "officer");
        assertThat(read(LICENCES, RowQuery.all()).values("编号")).containsExactlyInAnyOrder("A1", "A2", "A3", "A4", "A5");
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(5);
        assertThat(audit.events).extracting(e -> e.action()).containsSubsequence("collect.hide", "collect.unhide");
        assertThat(audit.events.stream().filter(e -> e.action().equals("collect.hide")).count()).isEqualTo(2);
    }

    /** A read of some items returns those columns only, in the entry's order, filters still applying to any item. */
    @Test
    void readingSomeItemsReturnsThoseColumnsOnlyInTheEntrysOrder() {
        fiveLicences();
        RecordingSink some = read(LICENCES, new RowQuery(Map.of("名称", "甲"), 0, Long.MAX_VALUE, java.util.Set.of("金额", "编号")));
        assertThat(some.names()).containsExactly("编号", "金额");
        assertThat(some.maps()).extracting(m -> m.keySet().size()).containsOnly(2);
        assertThat(some.values("编号")).containsExactlyInAnyOrder("A1", "A3", "A4");
        assertThat(some.maps().stream().filter(m -> "A1".equals(m.get("编号"))).findFirst().orElseThrow()).containsEntry("金额", "1234567.5");
        assertThat(read(LICENCES, RowQuery.only(java.util.Set.of())).maps()).hasSize(5).allMatch(Map::isEmpty);
    }

    /** Equality filters compare cleaned values; count matches read and ignores offset and limit. */
    @Test
    void readingFiltersOnCleanedEqualValuesAndCountsThem() {
        fiveLicences();
        assertThat(read(LICENCES, new RowQuery(Map.of("名称", "甲"), 0, Long.MAX_VALUE)).values("编号"))
                .containsExactlyInAnyOrder("A1", "A3", "A4");
        assertThat(read(LICENCES, new RowQuery(Map.of("名称", "甲", "数量", "1"), 0, Long.MAX_VALUE)).values("编号"))
                .containsExactlyInAnyOrder("A1", "A4");
        assertThat(read(LICENCES, new RowQuery(Map.of("数量", " １ "), 0, Long.MAX_VALUE)).values("编号"))
                .containsExactlyInAnyOrder("A1", "A2", "A4");
        assertThat(read(LICENCES, new RowQuery(Map.of("登记日期", "2026/3/5"), 0, Long.MAX_VALUE)).values("编号")).containsExactly("A1");
        assertThat(read(LICENCES, new RowQuery(Map.of("数量", ""), 0, Long.MAX_VALUE)).values("编号")).containsExactly("A5");
        assertThat(store.count(LICENCES, new RowQuery(Map.of("名称", "甲"), 1, 1))).isEqualTo(3);
        assertThat(store.count(LICENCES, RowQuery.all())).isEqualTo(5);
    }

    /** Pages follow one stable order: offset and limit cut the same listing; a full read has the same rows. */
    @Test
    void readingPagesThroughOneStableOrder() {
        fiveLicences();
        // Pages share one order; a full read (an export) streams the same rows in storage order.
        List<String> order = read(LICENCES, new RowQuery(Map.of(), 0, 100)).values("编号");
        assertThat(order).hasSize(5).doesNotHaveDuplicates();
        assertThat(read(LICENCES, RowQuery.all()).values("编号")).containsExactlyInAnyOrderElementsOf(order);
        assertThat(read(LICENCES, new RowQuery(Map.of(), 0, 2)).values("编号")).isEqualTo(order.subList(0, 2));
        assertThat(read(LICENCES, new RowQuery(Map.of(), 1, 2)).values("编号")).isEqualTo(order.subList(1, 3));
        assertThat(read(LICENCES, new RowQuery(Map.of(), 4, 10)).values("编号")).isEqualTo(order.subList(4, 5));
        RecordingSink past = read(LICENCES, new RowQuery(Map.of(), 5, 10));
        assertThat(past.rows).isEmpty();
        assertThat(past.calls).containsExactly("columns");
        assertThat(read(LICENCES, new RowQuery(Map.of("名称", "甲"), 1, 1)).values("编号")).hasSize(1).isSubsetOf("A1", "A3", "A4");
    }

    /** A page of no rows (limit 0, which RowQuery allows) is the columns and nothing else, not an error. */
    @Test
    void aPageOfNoRowsIsJustTheColumns() {
        fiveLicences();
        RecordingSink empty = read(LICENCES, new RowQuery(Map.of(), 0, 0));
        assertThat(empty.calls).containsExactly("columns");
        assertThat(read(LICENCES, new RowQuery(Map.of("名称", "甲"), 2, 0)).rows).isEmpty();
    }

    /** A filter on an unknown item or with a value the item cannot hold is refused (422). */
    @Test
    void aFilterOnAnUnknownItemOrWithAnInvalidValueIsRefused() {
        fiveLicences();
        assertThatThrownBy(() -> read(LICENCES, new RowQuery(Map.of("颜色", "红"), 0, 10)))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type().status()).isEqualTo(422);
                    assertThat(p.violations()).extracting(v -> v.field()).containsExactly("颜色");
                });
        assertThatThrownBy(() -> store.count(LICENCES, new RowQuery(Map.of("数量", "abc"), 0, 10)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(422));
    }

    /** Batches of an entry are listed newest first. */
    @Test
    void batchesAreListedNewestFirst() {
        keyedBy("编号");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));
        clock.setChina("2026-03-02T11:00");
        deliver(LICENCES, "b-2", licence("A2", "乙", "2"));
        clock.setChina("2026-03-02T12:00");
        deliver(LICENCES, "b-3", licence("A3", "丙", "3"));
        assertThat(store.batches(LICENCES, 0, 10)).extracting(BatchReport::batchId).containsExactly("b-3", "b-2", "b-1");
        assertThat(store.batches(LICENCES, 1, 1)).extracting(BatchReport::batchId).containsExactly("b-2");
        assertThat(store.batches(LICENCES, 0, 10)).extracting(BatchReport::actor).containsOnly(ACTOR);
    }

    // ------------------------------------------------------------------ freshness through the service (Art. 41)

    /** Art. 41: a daily entry delivered on Friday is fresh on Saturday, Sunday and Monday, stale from Tuesday 00:00 China time. */
    @Test
    void art41ADailyEntryDeliveredOnFridayIsStaleOnlyFromTuesday() {
        keyedBy("编号");
        clock.setChina("2026-03-06T10:00");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));

        Freshness saturday = store.freshness(LICENCES, china("2026-03-07T12:00"));
        assertThat(saturday.lastDelivery()).isEqualTo(china("2026-03-06T10:00"));
        assertThat(saturday.dueBy()).isEqualTo(china("2026-03-10T00:00"));
        assertThat(saturday.stale()).isFalse();
        assertThat(saturday.rows()).isEqualTo(1);
        assertThat(saturday.frequency()).isEqualTo(UpdateFrequency.DAILY);
        assertThat(saturday.provider()).isEqualTo(StubCatalog.PROVIDER);
        assertThat(saturday.name()).isEqualTo("许可证信息");
        assertThat(store.freshness(LICENCES, china("2026-03-08T23:00")).stale()).isFalse();
        assertThat(store.freshness(LICENCES, china("2026-03-09T23:59:59")).stale()).isFalse();
        assertThat(store.freshness(LICENCES, china("2026-03-10T00:00:01")).stale()).isTrue();
        assertThat(store.freshness(LICENCES, china("2026-03-10T09:00")).stale()).isTrue();
    }

    /** Art. 41: a delivery before the 2026 National Day holiday is due by the end of the first working day after it. */
    @Test
    void art41TheNationalDayHolidayIsNoWorkingDay() {
        keyedBy("编号");
        clock.setChina("2026-09-30T16:00");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));
        assertThat(store.freshness(LICENCES, china("2026-10-03T12:00")).stale()).isFalse();
        assertThat(store.freshness(LICENCES, china("2026-10-07T23:00")).stale()).isFalse();
        assertThat(store.freshness(LICENCES, china("2026-10-08T23:00")).stale()).isFalse();
        assertThat(store.freshness(LICENCES, china("2026-10-09T00:00:01")).stale()).isTrue();
    }

    /** Art. 41: a make-up working day (Saturday 2026-10-10) counts: a Friday delivery is stale on Sunday. */
    @Test
    void art41AMakeUpWorkingDayCounts() {
        keyedBy("编号");
        clock.setChina("2026-10-09T10:00");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));
        assertThat(store.freshness(LICENCES, china("2026-10-10T20:00")).stale()).isFalse();
        assertThat(store.freshness(LICENCES, china("2026-10-11T08:00"))).satisfies(f -> {
            assertThat(f.stale()).isTrue();
            assertThat(f.dueBy()).isEqualTo(china("2026-10-11T00:00"));
        });
    }

    /** Art. 41: an irregular entry is never stale by the clock. */
    @Test
    void art41AnIrregularEntryIsNeverStale() {
        ResourceCode irregular = ResourceCode.parse("101001/000005");
        catalog.put(StubCatalog.entry(irregular.value(), "不定期信息", UpdateFrequency.IRREGULAR, LocalDate.of(2026, 1, 5), LICENCE_ITEMS));
        Freshness f = store.freshness(irregular, china("2030-01-01T00:00"));
        assertThat(f.stale()).isFalse();
        assertThat(f.dueBy()).isNull();
        assertThat(f.lastDelivery()).isNull();
    }

    /** Art. 41: before its first delivery an entry is measured from its publication date. */
    @Test
    void art41AnEntryWithoutDeliveryIsMeasuredFromItsPublication() {
        ResourceCode fresh = ResourceCode.parse("101001/000006");
        catalog.put(StubCatalog.entry(fresh.value(), "新发布信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 6), LICENCE_ITEMS));
        Freshness monday = store.freshness(fresh, china("2026-03-09T20:00"));
        assertThat(monday.lastDelivery()).isNull();
        assertThat(monday.dueBy()).isEqualTo(china("2026-03-10T00:00"));
        assertThat(monday.stale()).isFalse();
        assertThat(monday.rows()).isZero();
        assertThat(store.freshness(fresh, china("2026-03-10T08:00")).stale()).isTrue();
    }

    /** Art. 41: the freshness of every published entry (of one provider, or all), stale ones first; drafts are left out. */
    @Test
    void art41FreshnessOfAllPublishedEntriesListsStaleOnesFirst() {
        ResourceCode late = ResourceCode.parse("101001/000004");
        ResourceCode irregular = ResourceCode.parse("101001/000005");
        ResourceCode other = ResourceCode.parse("101001/000007");
        ResourceCode draft = ResourceCode.parse("101001/000008");
        catalog.put(StubCatalog.entry(late.value(), "迟报信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2), LICENCE_ITEMS));
        catalog.put(StubCatalog.entry(irregular.value(), "不定期信息", UpdateFrequency.IRREGULAR, LocalDate.of(2026, 3, 2), LICENCE_ITEMS));
        catalog.put(StubCatalog.entry(other.value(), "他方信息", StubCatalog.OTHER_PROVIDER, UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2),
                EntryStatus.PUBLISHED, LICENCE_ITEMS));
        catalog.put(StubCatalog.entry(draft.value(), "草稿信息", StubCatalog.PROVIDER, UpdateFrequency.DAILY, null, EntryStatus.DRAFT,
                LICENCE_ITEMS));
        keyedBy("编号");
        clock.setChina("2026-03-05T10:00");
        deliver(LICENCES, "b-1", licence("A1", "甲", "1"));
        Instant now = china("2026-03-06T10:00");

        List<Freshness> all = store.freshness((org.poyang.catalog.api.CreditCode) null, now);
        assertThat(all).extracting(f -> f.entry().value() + (f.stale() ? " stale" : " fresh")).containsExactly(
                "101001/000004 stale", "101001/000007 stale", "101001/000001 fresh", "101001/000005 fresh");
        assertThat(store.freshness(StubCatalog.PROVIDER, now)).extracting(f -> f.entry().value())
                .containsExactly("101001/000004", "101001/000001", "101001/000005");
    }
}
