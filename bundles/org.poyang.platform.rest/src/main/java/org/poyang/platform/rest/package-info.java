/**
 * The endpoint bridge contract (端点桥接): how a module publishes REST resources under
 * {@code /api/...} and SOAP implementors under {@code /soap/...}, and how it reports errors.
 * <p>
 * A module registers a JAX-RS resource as an OSGi service with the property
 * {@link org.poyang.platform.rest.Endpoints#REST_ADDRESS}, or a JAX-WS implementor with
 * {@link org.poyang.platform.rest.Endpoints#SOAP_ADDRESS}; the bridge publishes it on the one
 * long-lived CXF bus and withdraws it when the service goes away. Business code throws
 * {@link org.poyang.platform.rest.ProblemException}; the bridge turns it into an RFC 9457
 * {@code application/problem+json} response or a SOAP fault.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.poyang.platform.rest;
