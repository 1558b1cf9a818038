package org.poyang.catalog.api;

import java.util.List;

/**
 * A catalog entry as a data officer writes it, in a form or a row of the import template: raw text,
 * so that every broken rule can be reported at once instead of failing on the first field. Enumerated
 * fields accept the constant name or its Chinese or English label. Lists may be null.
 */
public record EntryDraft(String classification, String name, String provider, String summary, String format,
        List<ItemDraft> items, String shareType, String shareConditions, String shareMethod, String legalBasis,
        String openType, String openConditions, String openBasis, String openBasisNote, String updateFrequency,
        List<String> relatedCodes, List<String> keywords, String baseDatabase, String thematicDatabase,
        String priorityCategory, String scope, String grade) {

    /**
     * A data item as written.
     *
     * @param identifiesPerson {@code true}/{@code false}, {@code 是}/{@code 否}, or blank for false
     */
    public record ItemDraft(String name, String dataType, String length, String identifiesPerson,
            String sensitiveType, String grade, String collectingAgency) {
    }

    /** The draft that describes {@code entry} as it stands, for editing it. */
    public static EntryDraft of(CatalogEntry e) {
        return new EntryDraft(e.classification().value(), e.name(), e.provider().value(), e.summary(), name(e.format()),
                e.items().stream().map(i -> new ItemDraft(i.name(), i.dataType().name(),
                        i.length() == null ? null : i.length().toString(), Boolean.toString(i.identifiesPerson()),
                        i.sensitiveType().name(), i.grade().code(), i.collectingAgency().value())).toList(),
                e.shareType().name(), e.shareConditions(), name(e.shareMethod()), e.legalBasis(), e.openType().name(),
                e.openConditions(), name(e.openBasis()), e.openBasisNote(), name(e.updateFrequency()),
                e.relatedCodes().stream().map(ResourceCode::value).toList(), e.keywords(), name(e.baseDatabase()),
                e.thematicDatabase(), name(e.priorityCategory()), e.scope().value(), e.grade().code());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
