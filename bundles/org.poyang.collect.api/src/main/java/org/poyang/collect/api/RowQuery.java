package org.poyang.collect.api;

import java.util.Map;
import java.util.Objects;

/**
 * Which current rows to read: items equal to the given (cleaned) values, then a page in a stable order.
 *
 * @param equal  item name to the value it must equal; empty for all rows. Encrypted items cannot be
 *               filtered on.
 * @param offset rows to skip
 * @param limit  most rows to return; {@link Long#MAX_VALUE} for all
 */
public record RowQuery(Map<String, String> equal, long offset, long limit) {

    /** Most rows one API page returns. */
    public static final int MAX_PAGE = 1000;

    public RowQuery {
        equal = Map.copyOf(Objects.requireNonNull(equal, "equal"));
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** Every current row. */
    public static RowQuery all() {
        return new RowQuery(Map.of(), 0, Long.MAX_VALUE);
    }
}
