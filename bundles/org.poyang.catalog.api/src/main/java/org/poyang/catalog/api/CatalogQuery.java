package org.poyang.catalog.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A catalog search: Chinese full text over name, abstract, keywords and item names, narrowed by facet
 * values and by who is asking.
 *
 * @param text     words to find; blank lists everything the audience may see
 * @param audience decides the catalog searched (Art. 17, 22)
 * @param filters  facet name to accepted values (values of one facet are alternatives; facets combine)
 * @param offset   hits to skip, at most {@value #MAX_OFFSET}
 * @param limit    hits to return, at most {@value #MAX_LIMIT}
 */
public record CatalogQuery(String text, CatalogAudience audience, Map<String, List<String>> filters, int offset, int limit) {

    public static final int MAX_LIMIT = 200;
    /** Deepest page start: search is for finding, not for walking the whole catalog. */
    public static final int MAX_OFFSET = 10_000;
    /** Longest query text. */
    public static final int MAX_TEXT = 100;
    /** Most values accepted for one facet filter. */
    public static final int MAX_FILTER_VALUES = 20;

    /** The facets every result counts: grade, open type, share type, provider, frequency, format, base database, region. */
    public static final List<String> FACETS = List.of("grade", "openType", "shareType", "provider", "updateFrequency",
            "format", "baseDatabase", "region", "priorityCategory");

    public CatalogQuery {
        Objects.requireNonNull(audience, "audience");
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        if (offset < 0 || offset > MAX_OFFSET || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("0 <= offset <= " + MAX_OFFSET + " and 1 <= limit <= " + MAX_LIMIT);
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("query text longer than " + MAX_TEXT);
        }
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            if (!FACETS.contains(f.getKey()) || f.getValue().size() > MAX_FILTER_VALUES) {
                throw new IllegalArgumentException("unknown facet or too many values: " + f.getKey());
            }
        }
    }
}
