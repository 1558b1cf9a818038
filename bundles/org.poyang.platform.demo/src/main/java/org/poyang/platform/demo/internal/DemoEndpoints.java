package org.poyang.platform.demo.internal;

import org.osgi.service.component.annotations.Component;
import org.poyang.platform.demo.DemoResource;
import org.poyang.platform.demo.DemoSoapService;
import org.poyang.platform.rest.Endpoints;

/** Registers the demo endpoints with the bridge. */
final class DemoEndpoints {

    private DemoEndpoints() {
    }

    /** {@code /api/demo}. */
    @Component(service = DemoResource.class, property = Endpoints.REST_ADDRESS + "=/demo")
    public static final class Rest extends DemoResource {
    }

    /** {@code /soap/demo}. */
    @Component(service = DemoSoapService.class, property = Endpoints.SOAP_ADDRESS + "=/demo")
    @jakarta.jws.WebService(name = "DemoPort", serviceName = "DemoService", targetNamespace = DemoSoapService.NAMESPACE)
    public static final class Soap extends DemoSoapService {
    }
}
