package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.poyang.collect.impl.internal.StubCatalog.important;
import static org.poyang.collect.impl.internal.StubCatalog.item;
import static org.poyang.collect.impl.internal.StubCatalog.personal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowQuery;
import org.poyang.platform.rest.ProblemException;

/**
 * Personal, sensitive and important values are stored encrypted (加密存储, Art. 31): no plaintext in
 * the data or history tables, clear text through the service, no filtering on them; identity
 * numbers checked by GB 11643 (Art. 13).
 */
class EncryptionAtRestTest extends StoreTestBase {

    static final ResourceCode RESIDENTS = ResourceCode.parse("301002/000001");
    static final List<DataItem> ITEMS = List.of(personal("公民身份号码", DataType.STRING, 18, SensitiveType.ID_NUMBER),
            personal("姓名", DataType.STRING, 50, SensitiveType.NAME), personal("手机号码", DataType.STRING, 11, SensitiveType.MOBILE),
            item("街道", DataType.STRING, 50), important("年收入", DataType.DECIMAL, null));

    /** Computed, not a real person's: Nanchang Donghu district, born 1990-03-07. */
    static final String ID = TestIds.idNumber("360102", "19900307", "123");

    @BeforeEach
    void publish() {
        catalog.put(StubCatalog.entry(RESIDENTS.value(), "居民登记信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2), ITEMS));
        configure(RESIDENTS, List.of("公民身份号码"), false, false);
    }

    /** Art. 31: a plain JDBC reader of the data and history tables sees no identity number, name, mobile or important value. */
    @Test
    void art31PersonalAndImportantValuesAreStoredEncrypted() throws Exception {
        deliver(RESIDENTS, "b-1", upsert("公民身份号码", ID, "姓名", "张三丰", "手机号码", "13912345678", "街道", "八一大道", "年收入", "120000.50"));
        // a change moves the first state into the history table
        deliver(RESIDENTS, "b-2", upsert("公民身份号码", ID, "姓名", "张三丰", "手机号码", "13912345678", "街道", "八一大道", "年收入", "99000"));
        int no = tableNo(RESIDENTS);
        String data = rawDump("COLD_" + no);
        String history = rawDump("COLH_" + no);

        assertThat(data).as("the dump sees the row").contains("八一大道");
        assertThat(history).contains("八一大道");
        for (String secret : List.of(ID, ID.substring(0, 17), "张三丰", "13912345678", "120000.5")) {
            assertThat(data).doesNotContain(secret);
            assertThat(history).doesNotContain(secret);
        }
        // the identity number's column holds what the cipher made of it
        String column = storedColumns(RESIDENTS, "公民身份号码").get(0);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + column + " FROM COLD_" + no)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith(TestCipher.PREFIX);
            assertThat(cipher.decrypt(rs.getString(1))).isEqualTo(ID);
        }

        Map<String, String> read = row(RESIDENTS, "街道", "八一大道");
        assertThat(read).containsEntry("公民身份号码", ID).containsEntry("姓名", "张三丰").containsEntry("手机号码", "13912345678")
                .containsEntry("年收入", "99000");
        assertThat(store.history(RESIDENTS, ID)).extracting(s -> s.values().get("年收入")).containsExactly("120000.5", "99000");
        assertThat(store.columns(RESIDENTS)).extracting(Column::name, Column::encrypted).containsExactly(
                org.assertj.core.groups.Tuple.tuple("公民身份号码", true), org.assertj.core.groups.Tuple.tuple("姓名", true),
                org.assertj.core.groups.Tuple.tuple("手机号码", true), org.assertj.core.groups.Tuple.tuple("街道", false),
                org.assertj.core.groups.Tuple.tuple("年收入", true));
    }

    /** Art. 31: encrypted items cannot be filtered on (422); plain ones can. */
    @Test
    void art31FilteringOnAnEncryptedItemIsRefused() {
        deliver(RESIDENTS, "b-1", upsert("公民身份号码", ID, "姓名", "张三丰", "街道", "八一大道"));

        assertThatThrownBy(() -> read(RESIDENTS, new RowQuery(Map.of("公民身份号码", ID), 0, 10)))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type().status()).isEqualTo(422);
                    assertThat(p.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("公民身份号码");
                        assertThat(v.messageEn()).contains("encrypted");
                    });
                });
        assertThatThrownBy(() -> store.count(RESIDENTS, new RowQuery(Map.of("姓名", "张三丰"), 0, 10)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(422));
        assertThat(store.count(RESIDENTS, new RowQuery(Map.of("街道", "八一大道"), 0, 10))).isEqualTo(1);
    }

    /** Art. 13: an identity number with a wrong check character (GB 11643) is rejected, nothing stored. */
    @Test
    void art13AnIdentityNumberWithAWrongCheckCharacterIsRejected() {
        String other = TestIds.idNumber("360102", "19851224", "045");
        ProblemException p = refused(RESIDENTS, "b-1", upsert("公民身份号码", other, "姓名", "李四"),
                upsert("公民身份号码", TestIds.withWrongCheck(ID), "姓名", "张三丰"));
        assertThat(p.type().status()).isEqualTo(422);
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rows[2].公民身份号码");
            assertThat(v.messageEn()).contains("check character");
            assertThat(v.messageZh()).contains("校验位");
        });
        assertThat(store.count(RESIDENTS, RowQuery.all())).isZero();
    }

    /** Art. 13: an identity number whose check character is X is one record whether sent with x or X. */
    @Test
    void art13AnIdentityNumberEndingInXIsOneRecordWhateverTheCaseOfX() {
        String upper = TestIds.idNumberEndingInX("360102", "19851224");
        String lower = upper.substring(0, 17) + "x";
        deliver(RESIDENTS, "b-1", upsert("公民身份号码", lower, "姓名", "李四", "街道", "阳明路"));
        deliver(RESIDENTS, "b-2", upsert("公民身份号码", upper, "姓名", "李四", "街道", "阳明路"));

        assertThat(store.count(RESIDENTS, RowQuery.all())).isEqualTo(1);
        assertThat(row(RESIDENTS, "街道", "阳明路")).containsEntry("公民身份号码", upper);
    }

    /** Art. 31: when an item becomes personal, its earlier values do not stay in clear in the database. */
    @Test
    void art31AnItemThatBecomesPersonalLeavesNoPlaintextBehind() throws Exception {
        ResourceCode visits = ResourceCode.parse("301002/000002");
        DataItem no = item("编号", DataType.STRING, 20);
        catalog.put(StubCatalog.entry(visits.value(), "来访登记信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2),
                List.of(no, item("来访人", DataType.STRING, 50))));
        configure(visits, List.of("编号"), false, false);
        deliver(visits, "b-1", upsert("编号", "V1", "来访人", "王五六"));

        catalog.revise(visits, List.of(no, personal("来访人", DataType.STRING, 50, SensitiveType.NAME)));

        assertThat(row(visits, "编号", "V1")).containsEntry("来访人", "王五六");
        assertThat(store.columns(visits)).filteredOn(c -> c.name().equals("来访人")).singleElement()
                .satisfies(c -> assertThat(c.encrypted()).isTrue());
        int n = tableNo(visits);
        assertThat(rawDump("COLD_" + n)).doesNotContain("王五六");
        assertThat(rawDump("COLH_" + n)).doesNotContain("王五六");
    }
}
