package org.poyang.collect.api;

/**
 * Quality figures of one batch (数据质量, Art. 13), kept with the batch so that they can be followed
 * over time.
 *
 * @param completeness share of non-empty cells in the valid rows, 0..1 (完整性)
 * @param validity     share of rows that passed every check, 0..1 (准确性/有效性)
 * @param timely       whether the batch arrived within the entry's declared update frequency (及时性)
 */
public record Quality(double completeness, double validity, boolean timely) {
}
