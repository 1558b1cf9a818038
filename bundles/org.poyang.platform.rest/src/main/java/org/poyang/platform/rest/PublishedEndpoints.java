package org.poyang.platform.rest;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.ServiceReference;

/**
 * What the endpoint bridge has published. A module's endpoint service is registered before the
 * bridge has built its CXF server; health uses this to report the module as starting, not up,
 * until its endpoints answer.
 */
@ProviderType
public interface PublishedEndpoints {

    /** Whether the service's REST and SOAP endpoints are published and answering. */
    boolean isPublished(ServiceReference<?> endpointService);
}
