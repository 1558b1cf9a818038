package org.poyang.collect.api;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.security.api.Decision;

/**
 * Which current rows to read: items equal to the given (cleaned) values, then a page in a stable order.
 *
 * @param equal  item name to the value it must equal; empty for all rows. Encrypted items cannot be
 *               filtered on.
 * @param offset rows to skip
 * @param limit  most rows to return; {@link Long#MAX_VALUE} for all
 * @param items  the items (columns) to return, in the entry's order; null for every item. Reading fewer
 *               columns reads (and decrypts) less.
 */
public record RowQuery(Map<String, String> equal, long offset, long limit, Set<String> items) {

    /** Most rows one API page returns. */
    public static final int MAX_PAGE = 1000;

    public RowQuery {
        equal = Map.copyOf(Objects.requireNonNull(equal, "equal"));
        items = items == null ? null : Set.copyOf(items);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** Rows with every item. */
    public RowQuery(Map<String, String> equal, long offset, long limit) {
        this(equal, offset, limit, null);
    }

    /**
     * This query limited to the items {@code d} covers, in the entry's order, when the decision is limited to some
     * (a grant's read fetches and decrypts the granted items only, Art. 24); unchanged otherwise.
     */
    public RowQuery permittedBy(CatalogEntry e, Decision d) {
        if (d.items() == null) {
            return this;
        }
        Set<String> covered = new LinkedHashSet<>();
        e.items().forEach(i -> {
            if (d.covers(i.name())) {
                covered.add(i.name());
            }
        });
        return covered.isEmpty() || covered.size() == e.items().size() ? this : new RowQuery(equal, offset, limit, covered);
    }

    /** Every current row. */
    public static RowQuery all() {
        return new RowQuery(Map.of(), 0, Long.MAX_VALUE);
    }

    /** Every current row, these items only. */
    public static RowQuery only(Set<String> items) {
        return new RowQuery(Map.of(), 0, Long.MAX_VALUE, items);
    }
}
