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
}
