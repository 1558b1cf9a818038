package org.poyang.catalog.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A catalog entry (信息资源) as stored: the core metadata of one public data resource (Art. 9), its
 * share and open attributes (Art. 17, 22), grade (Art. 8) and place in the lifecycle.
 *
 * @param code              信息资源代码
 * @param classification    资源分类 (类/项/目/细目)
 * @param name              信息资源名称
 * @param provider          信息资源提供方 (providing agency)
 * @param summary           信息资源摘要 (abstract)
 * @param format            资源格式
 * @param items             信息项, in declared order
 * @param shareType         共享属性
 * @param shareConditions   共享条件; required for conditional sharing (Art. 22)
 * @param shareMethod       共享方式; null for not-shared entries
 * @param legalBasis        共享依据 (legal basis); required unless unconditionally shared (Art. 22)
 * @param openType          开放属性
 * @param openConditions    开放条件; required for conditional opening (Art. 17, 18)
 * @param openBasis         开放依据 for opening personal or formerly not-open data (Art. 17 para 3), or null
 * @param openBasisNote     the record behind {@code openBasis} (document number, consent reference), or null
 * @param updateFrequency   更新周期
 * @param publishedOn       发布日期: set when the entry is first published, else null
 * @param relatedCodes      关联资源代码
 * @param keywords          关键字
 * @param baseDatabase      所属基础数据库 (Art. 11), or null
 * @param thematicDatabase  所属主题库 (Art. 11), or null
 * @param priorityCategory  重点和优先开放类别 (Art. 15), or null
 * @param scope             目录范围: the province's code for the province catalog, a city's code for its
 *                          supplementary catalog (补充目录)
 * @param grade             分级, never lower than any item's grade (Art. 8)
 * @param status            lifecycle state
 * @param version           版本号, 1 for the first stored state, +1 for every change
 * @param updatedAt         when this version was stored
 * @param updatedBy         who stored it
 */
public record CatalogEntry(ResourceCode code, ClassificationCode classification, String name, CreditCode provider,
        String summary, ResourceFormat format, List<DataItem> items, ShareType shareType, String shareConditions,
        ShareMethod shareMethod, String legalBasis, OpenType openType, String openConditions, OpenBasis openBasis,
        String openBasisNote, UpdateFrequency updateFrequency, LocalDate publishedOn, List<ResourceCode> relatedCodes,
        List<String> keywords, BaseDatabase baseDatabase, String thematicDatabase, PriorityCategory priorityCategory,
        RegionCode scope, Grade grade, EntryStatus status, int version, Instant updatedAt, String updatedBy) {

    public CatalogEntry {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(shareType, "shareType");
        Objects.requireNonNull(openType, "openType");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        relatedCodes = List.copyOf(relatedCodes);
        keywords = List.copyOf(keywords);
    }

    /** Whether the entry belongs to a city's supplementary catalog rather than the province catalog. */
    public boolean supplementary() {
        return scope.level() != AdministrativeLevel.PROVINCE;
    }

    /** Whether the entry is in the open catalog the public sees (Art. 17): published and not "not open". */
    public boolean inOpenCatalog() {
        return status == EntryStatus.PUBLISHED && openType.isOpen();
    }

    /** Whether the entry is in the share catalog agencies see (Art. 22): published. */
    public boolean inShareCatalog() {
        return status == EntryStatus.PUBLISHED;
    }
}
