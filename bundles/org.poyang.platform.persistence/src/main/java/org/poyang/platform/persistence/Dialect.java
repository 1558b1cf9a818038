package org.poyang.platform.persistence;

/**
 * The databases Poyang runs on. Modules write portable SQL; this exists for the persistence
 * bundle's dialect layer and for the few statements that cannot be portable (e.g. paging syntax is
 * portable as {@code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY} on both).
 */
public enum Dialect {
    /** Embedded Apache Derby: the default, no server needed. */
    DERBY,
    /** PostgreSQL: the production choice for a province hub. */
    POSTGRESQL;

    /** Service property on the {@code DataSource} naming its dialect. */
    public static final String PROPERTY = "poyang.db.dialect";
}
