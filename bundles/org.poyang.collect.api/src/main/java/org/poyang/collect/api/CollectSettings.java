package org.poyang.collect.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an entry's deliveries are keyed, cleaned and accepted (Art. 13).
 *
 * @param keyItems          the items that identify a record (主键); empty means every item together
 * @param partialAcceptance whether a batch with rejected rows applies its valid rows (an explicit,
 *                          recorded choice per entry) instead of being rejected whole
 * @param deduplicate       whether a key repeated within one batch keeps its last row (the earlier
 *                          ones are dropped, not applied) instead of rejecting the repeats
 * @param cleaning          the cleaning steps applied before checking
 * @param codeTables        item name to code table (value as sent to stored code); a value of an item
 *                          with a code table that is neither a key nor a stored code is rejected
 */
public record CollectSettings(List<String> keyItems, boolean partialAcceptance, boolean deduplicate, Cleaning cleaning,
        Map<String, Map<String, String>> codeTables) {

    /** Cleaning steps (数据清洗); each on by default. */
    public record Cleaning(boolean trim, boolean fullWidthToHalfWidth, boolean normaliseDates, boolean normaliseNumbers) {

        public static final Cleaning ALL = new Cleaning(true, true, true, true);
        public static final Cleaning NONE = new Cleaning(false, false, false, false);
    }

    public CollectSettings {
        keyItems = List.copyOf(keyItems);
        Objects.requireNonNull(cleaning, "cleaning");
        codeTables = Map.copyOf(codeTables);
    }

    /** The settings of an entry nobody has configured: no key, whole batches, every cleaning step. */
    public static CollectSettings defaults() {
        return new CollectSettings(List.of(), false, false, Cleaning.ALL, Map.of());
    }
}
