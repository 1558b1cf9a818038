package org.poyang.catalog.api;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link CatalogQuery}.
 *
 * @param total   entries matching
 * @param hits    the requested page, best first
 * @param facets  facet name to value to count, over all matching entries
 */
public record CatalogSearchResult(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {

    /**
     * One matching entry, with what a result list shows.
     *
     * @param code        信息资源代码
     * @param name        信息资源名称
     * @param provider    provider's credit code
     * @param providerName provider's name
     * @param summary     the abstract
     * @param openType    开放属性
     * @param shareType   共享属性
     * @param grade       分级 code
     * @param updateFrequency 更新周期
     * @param version     the published version found
     * @param score       relevance; 0 for a blank query
     */
    public record Hit(String code, String name, String provider, String providerName, String summary, String openType,
            String shareType, String grade, String updateFrequency, int version, float score) {
    }
}
