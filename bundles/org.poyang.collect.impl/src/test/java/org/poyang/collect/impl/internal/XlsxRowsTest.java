package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.collect.api.Column;

/** XLSX exports (issue 5, 6): items as the header, numbers as numbers, masked values as text, a sheet per million rows. */
class XlsxRowsTest {

    static final CreditCode AGENCY = CreditCode.parse("123600000143600232");

    static Column column(String name, DataType type) {
        return new Column(new DataItem(name, type, null, false, SensitiveType.NONE, Grade.general(1), AGENCY), false, false);
    }

    @Test
    void aWorkbookHoldsTheItemsAsHeaderNumbersAsNumbersAndSplitsSheets() throws Exception {
        List<Column> columns = List.of(column("编号", DataType.STRING), column("金额", DataType.DECIMAL), column("数量", DataType.INTEGER),
                column("登记日期", DataType.DATE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxRows.write(out, "104002/000009", sink -> {
            sink.columns(columns);
            for (int i = 1; i <= 5; i++) {
                sink.row(new String[] {"A" + i, "1234.5", i == 3 ? "1***" : Integer.toString(i), i == 5 ? null : "2026-03-0" + i});
            }
        }, 2);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("104002-000009", "104002-000009-2", "104002-000009-3");
            List<Row> first = sheets.get(0).read();
            assertThat(first).hasSize(3);
            assertThat(first.get(0).getCellText(0)).isEqualTo("编号");
            assertThat(first.get(0).getCellText(3)).isEqualTo("登记日期");
            assertThat(first.get(1).getCell(1).getType()).isEqualTo(CellType.NUMBER);
            assertThat(first.get(1).getCellAsNumber(1)).contains(new BigDecimal("1234.5"));
            assertThat(first.get(1).getCellText(3)).isEqualTo("2026-03-01");
            List<Row> second = sheets.get(1).read();
            assertThat(second.get(0).getCellText(0)).as("every sheet has the header").isEqualTo("编号");
            assertThat(second.get(1).getCellText(2)).as("a masked number stays text").isEqualTo("1***");
            assertThat(second.get(1).getCell(2).getType()).isEqualTo(CellType.STRING);
            List<Row> third = sheets.get(2).read();
            assertThat(third).hasSize(2);
            assertThat(third.get(1).getCellText(0)).isEqualTo("A5");
            assertThat(third.get(1).getCellAsString(3)).isEmpty();
        }
    }

    /** An .xlsx delivery: the header names the items, dates are dates, @op deletes, limits and bad files are refused. */
    @Test
    void aDeliveredWorkbookBecomesRowsAndBadFilesAreRefusedClearly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
        org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("数据");
        String[] header = {"编号", "金额", "登记日期", "@op"};
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        ws.value(1, 0, "A1");
        ws.value(1, 1, 1234.50);
        ws.value(1, 2, java.time.LocalDate.of(2026, 3, 5));
        ws.style(1, 2).format("yyyy-mm-dd").set();
        ws.value(3, 0, "A2"); // an empty row 2 in between is skipped
        ws.value(3, 3, "delete");
        wb.finish();
        List<org.poyang.collect.api.Row> rows = XlsxRows.read(new ByteArrayInputStream(out.toByteArray()), java.util.Set.of("登记日期"), 10);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).op()).isEqualTo(org.poyang.collect.api.Row.Op.UPSERT);
        assertThat(rows.get(0).values()).containsEntry("编号", "A1").containsEntry("金额", "1234.5").containsEntry("登记日期", "2026-03-05")
                .doesNotContainKey("@op");
        assertThat(rows.get(1).op()).isEqualTo(org.poyang.collect.api.Row.Op.DELETE);
        assertThat(rows.get(1).values()).containsEntry("编号", "A2");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> XlsxRows.read(new ByteArrayInputStream(out.toByteArray()), java.util.Set.of(), 1))
                .isInstanceOfSatisfying(org.poyang.platform.rest.ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(413));
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> XlsxRows.read(new ByteArrayInputStream(xls), java.util.Set.of(), 10))
                .hasMessageContaining(".xls");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> XlsxRows.read(new ByteArrayInputStream("编号,金额".getBytes()), java.util.Set.of(), 10))
                .hasMessageContaining("not an Excel");
        byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), out.size() / 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> XlsxRows.read(new ByteArrayInputStream(cut), java.util.Set.of(), 10))
                .hasMessageContaining("damaged");
    }
}
