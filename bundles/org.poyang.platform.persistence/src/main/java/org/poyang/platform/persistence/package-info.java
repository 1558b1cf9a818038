/**
 * Persistence contract (持久化): the platform's one {@link javax.sql.DataSource} service and the
 * per-bundle schema migrations that run before a module may use its tables.
 * <p>
 * A bundle that owns tables declares {@code Poyang-Schema: db/<bsn>/changelog.xml} in its manifest
 * (a Liquibase change log inside the bundle). The persistence bundle applies it when the bundle
 * starts and then registers a {@link org.poyang.platform.persistence.Schema} service for it; a
 * component that needs the tables references that service, for example with target
 * {@code (poyang.schema.bundle=org.poyang.catalog.impl)}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.poyang.platform.persistence;
