/**
 * The public data resource catalog (公共数据资源目录, Art. 6, 8, 9, 11, 12, 17, 22 of the Jiangxi
 * Public Data Management Measures): value types every other module reads. This first slice holds the
 * identifiers and classifications with their rules; the catalog services follow in the same package.
 * <p>
 * Version 0.x: the API is still being built and may change without a major version step.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.poyang.catalog.api;
