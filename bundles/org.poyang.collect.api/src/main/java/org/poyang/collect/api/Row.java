package org.poyang.collect.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One delivered row: values by data item name (信息项名称) as the sender wrote them, before cleaning.
 * A missing or null value is an empty cell. A deletion needs only the key items.
 *
 * @param op     upsert (insert or replace by key) or delete by key
 * @param values item name to raw text, in the order sent
 */
public record Row(Op op, Map<String, String> values) {

    /** What the row does to the record with its key. */
    public enum Op {
        UPSERT, DELETE
    }

    public Row {
        Objects.requireNonNull(op, "op");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Row upsert(Map<String, String> values) {
        return new Row(Op.UPSERT, values);
    }

    public static Row delete(Map<String, String> key) {
        return new Row(Op.DELETE, key);
    }
}
