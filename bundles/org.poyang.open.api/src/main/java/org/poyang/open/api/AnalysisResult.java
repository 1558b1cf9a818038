package org.poyang.open.api;

import java.util.List;
import java.util.Map;

/**
 * What leaves the platform after an analysis: aggregate cells only, after disclosure control (Art. 18,
 * 31). A cell aggregating fewer than {@code k} records is not released; when exactly one cell would be
 * withheld, the next smallest is withheld too, so that it cannot be recovered from a total; a sum,
 * average or quantile that one record dominates is withheld from its cell.
 *
 * @param id         the analysis id, as recorded on the audit trail
 * @param k          the threshold applied
 * @param scanned    records of the analysed entry read
 * @param cells      the released cells
 * @param suppressed cells withheld
 * @param notes      what was withheld and why, Chinese first
 * @param digest     SM3 digest of the released result as audited, in hex, eight digits to a group joined by hyphens
 */
public record AnalysisResult(String id, int k, long scanned, List<Cell> cells, int suppressed, List<String> notes, String digest) {

    /**
     * One released cell.
     *
     * @param group    the value of each group-by item
     * @param count    records in the cell (at least k)
     * @param measures each measure's value by its label, e.g. {@code sum(注册资本)}; null when withheld
     */
    public record Cell(Map<String, String> group, long count, Map<String, Double> measures) {
    }
}
