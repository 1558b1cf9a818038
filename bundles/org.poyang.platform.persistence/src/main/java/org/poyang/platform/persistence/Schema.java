package org.poyang.platform.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered once a bundle's schema migrations have been applied: a module's components reference
 * it so that they never start against missing or outdated tables.
 */
@ProviderType
public interface Schema {

    /** Manifest header naming a bundle's Liquibase change log, e.g. {@code db/org.poyang.catalog.impl/changelog.xml}. */
    String HEADER = "Poyang-Schema";

    /** Service property: symbolic name of the bundle that owns the schema. */
    String BUNDLE = "poyang.schema.bundle";

    /** Service property: number of change sets applied in total so far for the bundle. */
    String CHANGESETS = "poyang.schema.changesets";

    /** Symbolic name of the owning bundle. */
    String bundle();

    /** Number of change sets of the bundle recorded as applied. */
    int appliedChangeSets();

    /** The SQL dialect in use, for the rare statement that must differ between databases. */
    Dialect dialect();
}
