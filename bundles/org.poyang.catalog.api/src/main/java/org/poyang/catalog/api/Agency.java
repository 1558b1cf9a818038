package org.poyang.catalog.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A public management and service body (公共管理和服务机构, Art. 2, 6): an agency that describes its
 * data in the catalog, aggregates it and answers applications. Identified by its unified social
 * credit code.
 *
 * @param creditCode   统一社会信用代码
 * @param name         full registered name, e.g. 江西省大数据中心
 * @param region       the administrative division it serves (GB/T 2260)
 * @param level        province, city or county; matches {@code region}'s level
 * @param parent       the agency it belongs to, or {@code null} for a top-level body
 * @param registeredAt when it was entered in the catalog
 */
public record Agency(CreditCode creditCode, String name, RegionCode region, AdministrativeLevel level,
        CreditCode parent, Instant registeredAt) {

    public Agency {
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
