package org.poyang.collect.api;

/**
 * Why one row of a batch was rejected.
 *
 * @param row      the row's number in the batch, counted from 1
 * @param item     the data item at fault, or null when the row as a whole is at fault
 * @param reasonZh the reason in Chinese
 * @param reasonEn the reason in English
 */
public record RowRejection(int row, String item, String reasonZh, String reasonEn) {
}
