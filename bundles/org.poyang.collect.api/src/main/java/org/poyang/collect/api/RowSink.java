package org.poyang.collect.api;

import java.io.IOException;
import java.util.List;

/** Where {@link CollectService#read} writes rows, one at a time. */
public interface RowSink {

    /** Called once before the first row with the columns of every row that follows. */
    void columns(List<Column> columns) throws IOException;

    /** One row: a value per column as text (ISO dates, plain decimals), null for an empty cell. */
    void row(String[] values) throws IOException;
}
