package org.poyang.collect.impl.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.poyang.catalog.api.DataType;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowSink;

/**
 * Streams rows into an XLSX workbook with fastexcel: the header names the items, integers and decimals are
 * written as numbers and everything else as inline text (no shared-string table growing with the export),
 * rows are flushed every thousand so that memory stays flat, and a new sheet starts every
 * {@value #ROWS_PER_SHEET} rows (a sheet holds at most 1,048,576).
 */
final class XlsxRows {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int ROWS_PER_SHEET = 1_000_000;

    /** The reading side: calls the sink's columns once, then row per row. */
    interface Source {
        void into(RowSink sink) throws IOException;
    }

    private XlsxRows() {
    }

    static void write(OutputStream out, String title, Source source) throws IOException {
        write(out, title, source, ROWS_PER_SHEET);
    }

    static void write(OutputStream out, String title, Source source, int rowsPerSheet) throws IOException {
        Workbook wb = new Workbook(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush(); // the response stream is the container's to close
            }
        }, "Poyang", "1.0");
        Worksheet[] ws = new Worksheet[1];
        int[] sheets = {0};
        int[] r = {0};
        boolean[][] numeric = new boolean[1][];
        List<?>[] names = new List<?>[1];
        source.into(new RowSink() {
            @Override
            public void columns(List<Column> columns) {
                numeric[0] = new boolean[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    DataType t = columns.get(i).item().dataType();
                    numeric[0][i] = t == DataType.INTEGER || t == DataType.DECIMAL;
                }
                names[0] = columns.stream().map(Column::name).toList();
                ws[0] = sheet(wb, title, ++sheets[0], names[0]);
                r[0] = 1;
            }

            @Override
            public void row(String[] values) throws IOException {
                if (r[0] > rowsPerSheet) {
                    ws[0].finish();
                    ws[0] = sheet(wb, title, ++sheets[0], names[0]);
                    r[0] = 1;
                }
                for (int c = 0; c < values.length; c++) {
                    String v = values[c];
                    if (v == null) {
                        continue;
                    }
                    if (numeric[0][c]) {
                        try {
                            ws[0].value(r[0], c, new BigDecimal(v));
                            continue;
                        } catch (NumberFormatException masked) {
                            // a masked number is text
                        }
                    }
                    ws[0].inlineString(r[0], c, v);
                }
                if (++r[0] % 1000 == 0) {
                    ws[0].flush();
                }
            }
        });
        if (ws[0] != null) {
            ws[0].finish();
        }
        wb.finish();
        out.flush();
    }

    private static Worksheet sheet(Workbook wb, String title, int n, List<?> names) {
        Worksheet ws = wb.newWorksheet((title.replace('/', '-') + (n == 1 ? "" : "-" + n)));
        for (int c = 0; c < names.size(); c++) {
            ws.inlineString(0, c, String.valueOf(names.get(c)));
            ws.style(0, c).bold().set();
        }
        ws.freezePane(0, 1);
        return ws;
    }
}
