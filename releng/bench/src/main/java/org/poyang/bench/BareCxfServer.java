package org.poyang.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.poyang.platform.demo.DemoResource;

/**
 * Baseline (a) of the platform benchmark: the demo REST resource served by a bare CXF 4 bus
 * through one {@link CXFNonSpringServlet} at {@code /*} in embedded Jetty 12, in a plain JVM.
 * Poyang serves the same class the same way (one CXF servlet on Felix HTTP Jetty 12) but inside
 * OSGi behind the endpoint bridge, so the difference is what the bridge and OSGi cost.
 *
 * <p>Usage: {@code java -cp ... org.poyang.bench.BareCxfServer PORT}. Binds 127.0.0.1 only and
 * prints {@code READY} once it serves.
 */
public final class BareCxfServer {

    private BareCxfServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BareCxfServer PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);

        // The same bus properties and Jackson configuration as the bridge (CxfBridge, Json).
        Map<String, Object> props = new HashMap<>();
        props.put("faultStackTraceEnabled", Boolean.FALSE);
        props.put("exceptionMessageCauseEnabled", Boolean.FALSE);
        props.put("default.wae.mapper.least.specific", Boolean.TRUE);
        ExtensionManagerBus bus = new ExtensionManagerBus(null, props, BareCxfServer.class.getClassLoader());
        bus.initialize();
        BusFactory.setDefaultBus(bus);
        BusFactory.setThreadDefaultBus(bus);

        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        JAXRSServerFactoryBean sf = new JAXRSServerFactoryBean();
        sf.setBus(bus);
        sf.setAddress("/api/demo");
        sf.setServiceBean(new DemoResource());
        sf.setProviders(List.of(new JacksonJsonProvider(mapper)));
        sf.create();

        Server server = serve(bus, port);
        System.out.println("READY");
        System.out.flush();
        server.join();
    }

    /**
     * Serves every JAX-RS server already created on {@code bus} through one CXF servlet at {@code /*}
     * in embedded Jetty 12 on 127.0.0.1, as Poyang's bridge does on Felix HTTP; stops both on exit.
     */
    public static Server serve(Bus bus, int port) throws Exception {
        DestinationFactoryManager dfm = bus.getExtension(DestinationFactoryManager.class);
        HTTPTransportFactory http = (HTTPTransportFactory) dfm.getDestinationFactory("http://cxf.apache.org/transports/http");
        CXFNonSpringServlet servlet = new CXFNonSpringServlet(http.getRegistry(), bus);

        Server server = new Server();
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false); // as org.apache.felix.http.jetty.sendServerHeader=false
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("cxf", servlet);
        holder.setAsyncSupported(true);
        holder.setInitParameter("hide-service-list-page", "true");
        context.addServlet(holder, "/*");
        server.setHandler(context);
        server.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception ignored) {
                // exiting anyway
            }
            bus.shutdown(true);
        }));
        return server;
    }
}
