package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.poyang.collect.api.Row;
import org.poyang.platform.rest.ProblemException;

/** CSV deliveries (Art. 13): encodings, byte-order marks, deletions, cut-off files, ragged lines. */
class CsvRowsTest {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String FILE = "单位名称,受理数量,@op\r\n省教育厅,12,\r\n\"省财政厅，预算处\",3,upsert\r\n省民政厅,,delete\r\n";

    private static List<Row> read(byte[] bytes, Charset charset) throws Exception {
        return CsvRows.read(new ByteArrayInputStream(bytes), charset, 1000);
    }

    @Test
    void utf8RowsWithOrWithoutAByteOrderMarkReadTheSame() throws Exception {
        List<Row> plain = read(FILE.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        List<Row> bom = read(("\uFEFF" + FILE).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(bom).isEqualTo(plain);
        assertThat(plain).hasSize(3);
        assertThat(plain.get(0).values()).containsEntry("单位名称", "省教育厅").containsEntry("受理数量", "12").doesNotContainKey("@op");
        assertThat(plain.get(1).values()).containsEntry("单位名称", "省财政厅，预算处");
        assertThat(plain.get(2).op()).isEqualTo(Row.Op.DELETE);
        assertThat(plain.get(2).values()).containsEntry("受理数量", null);
    }

    @Test
    void gbkTextSentAsUtf8IsRefusedWithThatDiagnosis() {
        byte[] gbk = FILE.getBytes(GB18030);
        assertThatThrownBy(() -> read(gbk, StandardCharsets.UTF_8)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("GBK").hasMessageContaining("charset=GB18030")
                .satisfies(e -> assertThat(((ProblemException) e).type().status()).isEqualTo(400));
    }

    @Test
    void gbkTextDeclaredAsSuchIsRead() throws Exception {
        assertThat(CsvRows.charset("text/csv; charset=GBK")).isEqualTo(GB18030);
        assertThat(CsvRows.charset("text/csv")).isEqualTo(StandardCharsets.UTF_8);
        List<Row> rows = read(FILE.getBytes(GB18030), CsvRows.charset("text/csv;charset=\"gbk\""));
        assertThat(rows.get(1).values()).containsEntry("单位名称", "省财政厅，预算处");
        assertThatThrownBy(() -> CsvRows.charset("text/csv; charset=Big5")).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).type().status()).isEqualTo(415));
    }

    @Test
    void aFileCutOffInsideAQuotedValueIsRefused() {
        byte[] cut = "单位名称,受理数量\r\n省教育厅,12\r\n\"省财政厅，预".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(cut, StandardCharsets.UTF_8)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("截断");
    }

    @Test
    void aLineWithTheWrongNumberOfValuesIsRefusedNamingTheLine() {
        byte[] ragged = "单位名称,受理数量\r\n省教育厅,12\r\n省财政厅\r\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(ragged, StandardCharsets.UTF_8)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).violations().get(0).field()).isEqualTo("line[3]"));
    }

    @Test
    void aRepeatedColumnNameOrAnUnknownOperationIsRefused() {
        assertThatThrownBy(() -> read("单位名称,单位名称\r\na,b\r\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isInstanceOf(ProblemException.class).hasMessageContaining("repeated");
        assertThatThrownBy(() -> read("单位名称,@op\r\na,drop\r\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isInstanceOf(ProblemException.class).hasMessageContaining("@op");
    }

    @Test
    void moreRowsThanABatchTakesAreRefused() {
        StringBuilder sb = new StringBuilder("单位名称\r\n");
        for (int i = 0; i < 1001; i++) {
            sb.append("u").append(i).append("\r\n");
        }
        assertThatThrownBy(() -> read(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isInstanceOf(ProblemException.class).satisfies(e -> assertThat(((ProblemException) e).type().status()).isEqualTo(413));
    }
}
