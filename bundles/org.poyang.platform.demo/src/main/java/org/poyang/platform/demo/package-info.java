/**
 * Demonstration endpoints (演示接口) of the standalone profile: a REST resource at
 * {@code /api/demo} and a SOAP service at {@code /soap/demo}. They show a module publishing through
 * the endpoint bridge, and the benchmark harness serves the same classes from a bare CXF server to
 * measure what the bridge costs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.poyang.platform.demo;
