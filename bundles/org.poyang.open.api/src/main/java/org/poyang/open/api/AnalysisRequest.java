package org.poyang.open.api;

import java.util.List;

/**
 * An analysis to run inside the platform against open data (algorithm model results, 数据可用不可见, Art.
 * 18): filters, groups and measures over one entry, optionally joined with a second entry on key items.
 * Items of the joined entry are named {@code join.<item>}.
 *
 * @param resource the entry analysed
 * @param grant    the grant relied on (conditionally open data; its route must be MODEL_RESULT), or null
 * @param filters  conditions every counted record meets
 * @param groupBy  items whose values form the result's cells; empty for one overall cell
 * @param measures what each cell reports: {@code count}, {@code sum}, {@code avg}, {@code quantile}
 * @param join     a second entry joined on key items, or null
 * @param k        the least number of records a released cell aggregates; null for the platform's
 *                 threshold, and never below it
 */
public record AnalysisRequest(String resource, String grant, List<Filter> filters, List<String> groupBy, List<Measure> measures, Join join,
        Integer k) {

    /**
     * One condition.
     *
     * @param item   the item
     * @param op     {@code eq}, {@code ne}, {@code in}, {@code lt}, {@code le}, {@code gt}, {@code ge}
     *               (numbers compare as numbers, other values as text, so ISO dates compare by date)
     * @param values the value, or for {@code in} the values
     */
    public record Filter(String item, String op, List<String> values) {
    }

    /**
     * One measure.
     *
     * @param fn   {@code count}, {@code sum}, {@code avg} or {@code quantile}
     * @param item the numeric item it runs over (not for count)
     * @param p    for quantile, the fraction between 0 and 1 (0.5 for the median)
     */
    public record Measure(String fn, String item, Double p) {
    }

    /**
     * A second entry joined on key items (an inner join).
     *
     * @param resource the joined entry
     * @param grant    the grant relied on for it, or null
     * @param on       pairs of item names: {@code [left item, right item]}
     */
    public record Join(String resource, String grant, List<List<String>> on) {
    }
}
