package org.poyang.catalog.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the catalog (PID {@code org.poyang.catalog}). */
@ObjectClassDefinition(name = "Poyang catalog", description = "公共数据资源目录 (public data resource catalog)")
public @interface CatalogConfig {

    String PID = "org.poyang.catalog";

    @AttributeDefinition(description = "Levels inside general data (一般数据) as the province defines them (GB/T 43697), 1-9")
    int generalLevels() default 4;

    @AttributeDefinition(description = "Full-text index directory; relative paths lie under poyang.data.dir")
    String indexDirectory() default "catalog-index";

    @AttributeDefinition(description = "Load the demonstration Jiangxi catalog when the catalog is empty (standalone profile)")
    boolean demoData() default false;
}
