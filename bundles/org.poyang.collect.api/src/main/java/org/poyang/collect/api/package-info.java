/**
 * Aggregation (归集, Art. 6, 10, 13, 41 of the Jiangxi Public Data Management Measures): agencies
 * deliver the rows behind each published catalog entry to the platform in batches; the platform
 * cleans and checks them, applies each batch whole (or, where the entry allows it, its valid rows),
 * keeps every earlier state of every record, and knows which entries are late for the update
 * frequency they declare. Open and share read the rows through these types.
 * <p>
 * Version 0.x: the API is still being built and may change without a major version step.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package org.poyang.collect.api;
