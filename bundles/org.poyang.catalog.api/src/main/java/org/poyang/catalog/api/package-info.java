/**
 * The public data resource catalog (公共数据资源目录, Art. 6, 8, 9, 11, 12, 17, 22 of the Jiangxi
 * Public Data Management Measures): the agency register, catalog entries (信息资源) with their data
 * items (信息项), grades, share and open attributes, lifecycle and versions, and search. Every other
 * module reads the catalog through these types.
 * <p>
 * Version 0.x: the API is still being built and may change without a major version step.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package org.poyang.catalog.api;
