package org.poyang.catalog.api;

import java.util.Objects;

/**
 * A data item (信息项) of a catalog entry: one column of the resource.
 *
 * @param name              信息项名称, e.g. 公民身份号码; also the item's identity across the catalog for Art. 12
 * @param dataType          数据类型
 * @param length            maximum length in characters or digits; null when the type has none
 * @param identifiesPerson  whether the item alone or combined identifies a natural person (个人信息)
 * @param sensitiveType     敏感类型, {@link SensitiveType#NONE} when not sensitive
 * @param grade             分级 of the item (GB/T 43697)
 * @param collectingAgency  法定采集部门: the one agency that may lawfully collect this item (Art. 12)
 */
public record DataItem(String name, DataType dataType, Integer length, boolean identifiesPerson,
        SensitiveType sensitiveType, Grade grade, CreditCode collectingAgency) {

    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");


    public DataItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(sensitiveType, "sensitiveType");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(collectingAgency, "collectingAgency");
    }

    /** Whether the item holds personal information (Art. 17 para 2). */
    public boolean personal() {
        return identifiesPerson || sensitiveType != SensitiveType.NONE;
    }

    /**
     * The key under which Art. 12 tracks the item across the catalog: the name with full-width forms
     * folded and blanks removed, so that {@code 公民身份号码} and {@code 公民身份号码 } are the same item.
     */
    public static String key(String name) {
        return BLANKS.matcher(java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC)).replaceAll("");
    }
}
