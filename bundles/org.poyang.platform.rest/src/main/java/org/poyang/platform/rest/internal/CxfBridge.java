package org.poyang.platform.rest.internal;

import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.PublishedEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint bridge (端点桥接): one long-lived CXF bus behind one servlet. Services carrying
 * {@link Endpoints#REST_ADDRESS} or {@link Endpoints#SOAP_ADDRESS} are published as their own CXF
 * server and destroyed when the service goes away, so one module coming or going never touches
 * another module's endpoint.
 */
@Component(immediate = true, service = {}, configurationPid = "org.poyang.platform.rest")
@Designate(ocd = CxfBridge.Config.class)
public final class CxfBridge implements PublishedEndpoints {

    /** Limits the bridge enforces on every request. */
    @ObjectClassDefinition(name = "Poyang endpoint bridge", description = "Request size and XML parser limits")
    public @interface Config {
        @AttributeDefinition(description = "Largest request body in bytes; larger bodies get 413 before they are read")
        long maxRequestBytes() default 10L * 1024 * 1024;

        @AttributeDefinition(description = "CXF StAX: most elements in one XML document")
        long maxElementCount() default 100_000;

        @AttributeDefinition(description = "CXF StAX: most characters in one XML document")
        long maxXMLCharacters() default 10L * 1024 * 1024;

        @AttributeDefinition(description = "CXF StAX: deepest element nesting")
        int maxElementDepth() default 64;

        @AttributeDefinition(description = "CXF StAX: most child elements of one element")
        int maxChildElements() default 50_000;

        @AttributeDefinition(description = "CXF StAX: most attributes on one element")
        int maxAttributeCount() default 64;

        @AttributeDefinition(description = "CXF StAX: longest attribute value")
        int maxAttributeSize() default 64 * 1024;

        @AttributeDefinition(description = "CXF StAX: longest text node")
        int maxTextLength() default 1024 * 1024;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CxfBridge.class);
    private static final Pattern ADDRESS = Pattern.compile("/[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*");
    private static final String ENDPOINT_FILTER = "(|(" + Endpoints.REST_ADDRESS + "=*)(" + Endpoints.SOAP_ADDRESS + "=*))";
    private static final String PROVIDER_FILTER = "(" + Endpoints.REST_PROVIDER + "=true)";
    /** Longest a rebuild of every server waits for requests in flight (a long download) to finish. */
    private static final java.time.Duration REBUILD_WAIT = java.time.Duration.ofSeconds(5);
    private static final String INTERCEPTOR_FILTER = "(" + Endpoints.SOAP_INTERCEPTOR + "=true)";

    private final BundleContext context;
    private final ClassLoader cxfLoader = ExtensionManagerBus.class.getClassLoader();
    private final Bus bus;
    private final ServiceRegistration<Servlet> servletRegistration;
    private final BridgeServlet servlet;
    private final ServiceRegistration<PublishedEndpoints> statusRegistration;
    private final Map<ServiceReference<Object>, Object> providers = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Object>, Interceptor<? extends Message>> soapInterceptors = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Object>, Published> published = new LinkedHashMap<>();
    private final OpenApiDocument openApi = new OpenApiDocument();
    private final ServiceTracker<Object, Object> endpointTracker;
    private final ServiceTracker<Object, Object> providerTracker;
    private final ServiceTracker<Object, Object> interceptorTracker;
    private Server rootServer;

    /** A service and the CXF servers it is published as. */
    private record Published(String restAddress, String soapAddress, Object service, Server rest, Server soap) {
    }

    @Activate
    public CxfBridge(BundleContext context, Config config) throws InvalidSyntaxException {
        this.context = context;
        this.bus = withCxfLoader(() -> createBus(config));
        DestinationFactoryManager dfm = bus.getExtension(DestinationFactoryManager.class);
        HTTPTransportFactory http;
        try {
            http = (HTTPTransportFactory) dfm.getDestinationFactory("http://cxf.apache.org/transports/http");
        } catch (Exception e) {
            throw new IllegalStateException("CXF HTTP transport missing from the CXF wrapper bundle", e);
        }
        servlet = new BridgeServlet(http.getRegistry(), bus, cxfLoader, config.maxRequestBytes());
        publishRoot();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/*");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "poyang-cxf");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, Boolean.TRUE);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_INIT_PARAM_PREFIX + "hide-service-list-page", "true");
        servletRegistration = context.registerService(Servlet.class, servlet, props);

        providerTracker = new ServiceTracker<>(context, context.createFilter(PROVIDER_FILTER), new ProviderCustomizer());
        providerTracker.open(true);
        interceptorTracker = new ServiceTracker<>(context, context.createFilter(INTERCEPTOR_FILTER), new InterceptorCustomizer());
        interceptorTracker.open(true);
        endpointTracker = new ServiceTracker<>(context, context.createFilter(ENDPOINT_FILTER), new EndpointCustomizer());
        endpointTracker.open(true);
        statusRegistration = context.registerService(PublishedEndpoints.class, this, null);
        LOG.info("Endpoint bridge started: REST under {}, SOAP under {}", Endpoints.API_ROOT, Endpoints.SOAP_ROOT);
    }

    /**
     * Applies new limits without republishing anything: the body limit and the per-message XML
     * limits hold for requests that start afterwards. Woodstox reads a few limits (attribute count
     * among them) only when CXF creates its parser factory, so those follow at the next start.
     */
    @Modified
    void modified(Config config) {
        servlet.defaultLimit(config.maxRequestBytes());
        staxLimits(config).forEach((k, v) -> {
            bus.setProperty(k, v);
            System.setProperty(k, v.toString());
        });
        LOG.info("Endpoint bridge limits updated: request bodies up to {} bytes", config.maxRequestBytes());
    }

    @Override
    public synchronized boolean isPublished(ServiceReference<?> endpointService) {
        return published.containsKey(endpointService);
    }

    @Deactivate
    void deactivate() {
        try {
            statusRegistration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        endpointTracker.close();
        providerTracker.close();
        interceptorTracker.close();
        synchronized (this) {
            published.values().forEach(this::destroy);
            published.clear();
            if (rootServer != null) {
                rootServer.destroy();
            }
        }
        try {
            servletRegistration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        bus.shutdown(true);
    }

    private Bus createBus(Config config) {
        Map<String, Object> props = staxLimits(config);
        // Woodstox takes some limits (attribute count among them) only from the factory, which CXF
        // configures once from system properties; the per-message bus properties cover the rest.
        props.forEach((k, v) -> System.setProperty(k, v.toString()));
        props.put("faultStackTraceEnabled", Boolean.FALSE);
        props.put("exceptionMessageCauseEnabled", Boolean.FALSE);
        props.put("default.wae.mapper.least.specific", Boolean.TRUE);
        props.put("org.apache.cxf.logging.FaultListener", new QuietFaultListener());
        ExtensionManagerBus b = new ExtensionManagerBus(null, props, cxfLoader);
        b.initialize();
        return b;
    }

    /** The XML parser limits, set explicitly rather than trusting CXF's defaults (STACK.md). */
    static Map<String, Object> staxLimits(Config config) {
        Map<String, Object> props = new HashMap<>();
        props.put("org.apache.cxf.stax.maxElementCount", config.maxElementCount());
        props.put("org.apache.cxf.stax.maxXMLCharacters", config.maxXMLCharacters());
        props.put("org.apache.cxf.stax.maxElementDepth", config.maxElementDepth());
        props.put("org.apache.cxf.stax.maxChildElements", config.maxChildElements());
        props.put("org.apache.cxf.stax.maxAttributeCount", config.maxAttributeCount());
        props.put("org.apache.cxf.stax.maxAttributeSize", config.maxAttributeSize());
        props.put("org.apache.cxf.stax.maxTextLength", config.maxTextLength());
        return props;
    }

    /** The bridge's own server at {@code /api}: the OpenAPI document and 404 problems for unknown REST paths. */
    private void publishRoot() {
        rootServer = withCxfLoader(() -> createRest(Endpoints.API_ROOT, new RootResource(openApi)));
    }

    private Server createRest(String address, Object resource) {
        JAXRSServerFactoryBean sf = new JAXRSServerFactoryBean();
        sf.setBus(bus);
        sf.setAddress(address);
        sf.setServiceBean(resource);
        List<Object> all = new ArrayList<>();
        all.add(new JsonWriter());
        all.add(new ProblemExceptionMapper());
        all.add(new WebApplicationExceptionMapper());
        all.addAll(providers.values());
        sf.setProviders(all);
        return sf.create();
    }

    private Server createSoap(String address, Object implementor) {
        JaxWsServerFactoryBean sf = new JaxWsServerFactoryBean();
        sf.setBus(bus);
        sf.setAddress(address);
        sf.setServiceBean(implementor);
        sf.setServiceClass(implementor.getClass());
        sf.getOutFaultInterceptors().add(new ProblemFaultInterceptor());
        sf.getInInterceptors().addAll(soapInterceptors.values());
        return sf.create();
    }

    private synchronized Published publish(ServiceReference<Object> ref, Object service) {
        String rest = address(ref, Endpoints.REST_ADDRESS);
        String soap = address(ref, Endpoints.SOAP_ADDRESS);
        if (rest != null && restAddressTaken(rest)) {
            LOG.error("REST address {}{} is already published; not publishing service {} of bundle {}",
                    Endpoints.API_ROOT, rest, ref.getProperty(Constants.SERVICE_ID), ref.getBundle().getSymbolicName());
            rest = null;
        }
        if (soap != null && soapAddressTaken(soap)) {
            LOG.error("SOAP address {}{} is already published; not publishing service {} of bundle {}",
                    Endpoints.SOAP_ROOT, soap, ref.getProperty(Constants.SERVICE_ID), ref.getBundle().getSymbolicName());
            soap = null;
        }
        Server restServer = null;
        Server soapServer = null;
        try {
            if (rest != null) {
                String a = Endpoints.API_ROOT + rest;
                restServer = withCxfLoader(() -> createRest(a, service));
                Long limit = maxRequestBytes(ref);
                servlet.limit(a, limit);
                if (limit != null) {
                    LOG.info("Published REST {} from {} (request bodies up to {} bytes)", a, ref.getBundle().getSymbolicName(), limit);
                } else {
                    LOG.info("Published REST {} from {}", a, ref.getBundle().getSymbolicName());
                }
            }
            if (soap != null) {
                String a = Endpoints.SOAP_ROOT + soap;
                soapServer = withCxfLoader(() -> createSoap(a, service));
                LOG.info("Published SOAP {} from {}", a, ref.getBundle().getSymbolicName());
            }
        } catch (RuntimeException e) {
            LOG.error("Could not publish service {} of bundle {}", ref.getProperty(Constants.SERVICE_ID),
                    ref.getBundle().getSymbolicName(), e);
            if (restServer != null) {
                restServer.destroy();
            }
            return null;
        }
        Published p = new Published(rest, soap, service, restServer, soapServer);
        published.put(ref, p);
        openApi.invalidate(publishedRest());
        return p;
    }

    private synchronized void withdraw(ServiceReference<Object> ref) {
        Published p = published.remove(ref);
        if (p != null) {
            if (p.restAddress() != null) {
                servlet.limit(Endpoints.API_ROOT + p.restAddress(), null);
            }
            destroy(p);
            openApi.invalidate(publishedRest());
            LOG.info("Withdrew endpoints of service {} from {}", ref.getProperty(Constants.SERVICE_ID),
                    ref.getBundle() == null ? "a stopped bundle" : ref.getBundle().getSymbolicName());
        }
    }

    /** The endpoint's own request body limit ({@link Endpoints#MAX_REQUEST_BYTES}), or null for the default. */
    private static Long maxRequestBytes(ServiceReference<Object> ref) {
        Object v = ref.getProperty(Endpoints.MAX_REQUEST_BYTES);
        if (v == null) {
            return null;
        }
        try {
            long n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("Service {} of bundle {}: {}={} is not a positive number of bytes; the default limit applies",
                ref.getProperty(Constants.SERVICE_ID), ref.getBundle().getSymbolicName(), Endpoints.MAX_REQUEST_BYTES, v);
        return null;
    }

    private void destroy(Published p) {
        if (p.rest() != null) {
            p.rest().destroy();
        }
        if (p.soap() != null) {
            p.soap().destroy();
        }
    }

    /** Providers apply to every REST server, so a provider change rebuilds the REST servers. */
    private void republishRest() {
        // the write side first, then this bridge's monitor: a request holds the read side and may ask
        // this bridge something (isPublished), so the other order could make both wait
        servlet.whileQuiet(() -> {
            synchronized (this) {
                rebuildRest();
            }
        }, REBUILD_WAIT);
    }

    private void rebuildRest() {
        for (Map.Entry<ServiceReference<Object>, Published> e : published.entrySet()) {
            Published p = e.getValue();
            if (p.rest() == null) {
                continue;
            }
            p.rest().destroy();
            Server rebuilt = withCxfLoader(() -> createRest(Endpoints.API_ROOT + p.restAddress(), p.service()));
            e.setValue(new Published(p.restAddress(), p.soapAddress(), p.service(), rebuilt, p.soap()));
        }
        if (rootServer != null) {
            rootServer.destroy();
            publishRoot();
        }
    }

    /**
     * A SOAP interceptor joins every SOAP server already published in place: CXF builds each
     * message's chain from the endpoint's interceptor list (copy-on-write; a changed list gives a
     * new chain), so nothing is rebuilt and a request in flight keeps the chain it started with.
     * Servers published later take it from {@link #soapInterceptors} in {@link #createSoap}.
     */
    private synchronized void addToSoapEndpoints(Interceptor<? extends Message> interceptor) {
        for (Published p : published.values()) {
            if (p.soap() != null && !p.soap().getEndpoint().getInInterceptors().contains(interceptor)) {
                p.soap().getEndpoint().getInInterceptors().add(interceptor);
            }
        }
    }

    private synchronized void removeFromSoapEndpoints(Interceptor<? extends Message> interceptor) {
        for (Published p : published.values()) {
            if (p.soap() != null) {
                p.soap().getEndpoint().getInInterceptors().remove(interceptor);
            }
        }
    }

    private Map<String, Class<?>> publishedRest() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        published.values().stream().filter(p -> p.rest() != null)
                .forEach(p -> m.put(Endpoints.API_ROOT + p.restAddress(), p.service().getClass()));
        return m;
    }

    private boolean restAddressTaken(String address) {
        return published.values().stream().anyMatch(p -> address.equals(p.restAddress()));
    }

    private boolean soapAddressTaken(String address) {
        return published.values().stream().anyMatch(p -> address.equals(p.soapAddress()));
    }

    private static String address(ServiceReference<?> ref, String key) {
        Object v = ref.getProperty(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (!ADDRESS.matcher(s).matches()) {
            LOG.error("Service {} of bundle {} has an invalid {} '{}': use lower-case path segments such as /catalog",
                    ref.getProperty(Constants.SERVICE_ID), ref.getBundle().getSymbolicName(), key, s);
            return null;
        }
        return s;
    }

    private <T> T withCxfLoader(Supplier<T> action) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        Bus oldBus = BusFactory.getThreadDefaultBus(false);
        t.setContextClassLoader(cxfLoader);
        if (bus != null) {
            BusFactory.setThreadDefaultBus(bus);
        }
        try {
            return action.get();
        } finally {
            t.setContextClassLoader(old);
            BusFactory.setThreadDefaultBus(oldBus);
        }
    }

    private final class EndpointCustomizer implements ServiceTrackerCustomizer<Object, Object> {
        @Override
        public Object addingService(ServiceReference<Object> ref) {
            Object service = context.getService(ref);
            if (service == null) {
                return null;
            }
            // a server is findable by its path a moment before it can answer: publish while no request runs
            if (servlet.whileQuiet(() -> publish(ref, service), REBUILD_WAIT) == null) {
                context.ungetService(ref);
                return null;
            }
            return service;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Object service) {
            servlet.whileQuiet(() -> {
                withdraw(ref);
                publish(ref, service);
            }, REBUILD_WAIT);
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Object service) {
            withdraw(ref);
            context.ungetService(ref);
        }
    }

    private final class InterceptorCustomizer implements ServiceTrackerCustomizer<Object, Object> {
        @Override
        @SuppressWarnings("unchecked")
        public Object addingService(ServiceReference<Object> ref) {
            Object service = context.getService(ref);
            if (service instanceof Interceptor<?> interceptor) {
                Interceptor<? extends Message> i = (Interceptor<? extends Message>) interceptor;
                soapInterceptors.put(ref, i);
                addToSoapEndpoints(i);
                LOG.info("SOAP interceptor {} from {} added to every SOAP endpoint", service.getClass().getSimpleName(),
                        ref.getBundle().getSymbolicName());
            } else if (service != null) {
                LOG.error("Service {} of bundle {} carries {} but is no CXF Interceptor; ignored", ref.getProperty(Constants.SERVICE_ID),
                        ref.getBundle().getSymbolicName(), Endpoints.SOAP_INTERCEPTOR);
            }
            return service;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Object service) {
            // properties do not affect how it is applied
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Object service) {
            Interceptor<? extends Message> i = soapInterceptors.remove(ref);
            if (i != null) {
                removeFromSoapEndpoints(i);
            }
            context.ungetService(ref);
        }
    }

    private final class ProviderCustomizer implements ServiceTrackerCustomizer<Object, Object> {
        @Override
        public Object addingService(ServiceReference<Object> ref) {
            Object provider = context.getService(ref);
            if (provider != null) {
                providers.put(ref, provider);
                republishRest();
            }
            return provider;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Object service) {
            // properties of a provider do not affect how it is applied
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Object service) {
            providers.remove(ref);
            republishRest();
            context.ungetService(ref);
        }
    }
}
