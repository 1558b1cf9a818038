package org.poyang.platform.rest.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.apache.cxf.transport.servlet.ServletController;
import org.apache.cxf.transport.servlet.servicelist.ServiceListGeneratorServlet;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemType;

/**
 * The one CXF servlet. It runs every request with CXF's class loader as context loader, refuses
 * bodies over the configured limit before reading them (413), and answers unknown paths with a
 * 404 problem instead of CXF's HTML page.
 */
final class BridgeServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    private final transient DestinationRegistry registry;
    private final transient ClassLoader cxfLoader;
    private volatile long maxRequestBytes;
    /**
     * Requests hold the read side; rebuilding every server of a kind (a provider or interceptor came
     * or went) takes the write side, so that no request meets a server half torn down.
     */
    private final transient java.util.concurrent.locks.ReentrantReadWriteLock rebuild = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** Endpoints with their own limit: address (e.g. {@code /api/catalog/entries}) to bytes. */
    private final transient Map<String, Long> endpointLimits = new ConcurrentHashMap<>();

    BridgeServlet(DestinationRegistry registry, Bus bus, ClassLoader cxfLoader, long maxRequestBytes) {
        super(registry, bus);
        this.registry = registry;
        this.cxfLoader = cxfLoader;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected ClassLoader initClassLoader() {
        return cxfLoader;
    }

    @Override
    protected ServletController createServletController(ServletConfig config) {
        return new ServletController(registry, config, new ServiceListGeneratorServlet(registry, getBus())) {
            @Override
            protected void generateNotFound(HttpServletRequest request, HttpServletResponse res) throws IOException {
                writeProblem(res, ProblemType.NOT_FOUND,
                        "没有与该路径对应的接口 (no endpoint is published at this path)", request.getRequestURI());
            }
        };
    }

    @Override
    public void service(ServletRequest req, ServletResponse res) throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long declared = request.getContentLengthLong();
        long limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        if (declared > limit) {
            response.setHeader("Connection", "close");
            writeProblem(response, ProblemType.PAYLOAD_TOO_LARGE, new PayloadTooLargeException(limit).describe(),
                    request.getRequestURI());
            return;
        }
        rebuild.readLock().lock();
        try {
            super.service(declared < 0 ? new LimitedRequest(request, limit) : request, response);
        } finally {
            rebuild.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} while no request is being served, new requests waiting until it is done. A
     * long download does not hold it up for more than {@code maxWait}: then the work runs anyway.
     */
    void whileQuiet(Runnable work, java.time.Duration maxWait) {
        whileQuiet(() -> {
            work.run();
            return null;
        }, maxWait);
    }

    /** As {@link #whileQuiet(Runnable, java.time.Duration)}, returning what {@code work} makes. */
    <T> T whileQuiet(java.util.function.Supplier<T> work, java.time.Duration maxWait) {
        boolean locked = false;
        try {
            locked = rebuild.writeLock().tryLock(maxWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return work.get();
        } finally {
            if (locked) {
                rebuild.writeLock().unlock();
            }
        }
    }

    /** Changes the default request body limit for requests that start after this call. */
    void defaultLimit(long bytes) {
        maxRequestBytes = bytes;
    }

    /** Gives the endpoint at {@code address} its own request body limit, or the default again when null. */
    void limit(String address, Long bytes) {
        if (bytes == null) {
            endpointLimits.remove(address);
        } else {
            endpointLimits.put(address, bytes);
        }
    }

    /** The limit of the endpoint whose address is the longest prefix of {@code path}. */
    long limitFor(String path) {
        if (endpointLimits.isEmpty()) {
            return maxRequestBytes;
        }
        String best = null;
        for (String a : endpointLimits.keySet()) {
            if ((path.equals(a) || path.startsWith(a + "/")) && (best == null || a.length() > best.length())) {
                best = a;
            }
        }
        return best == null ? maxRequestBytes : endpointLimits.get(best);
    }

    static void writeProblem(HttpServletResponse res, ProblemType type, String detail, String instance) throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(ProblemBody.of(type, detail, instance, null, List.of()));
        res.setStatus(type.status());
        res.setContentType(Endpoints.PROBLEM_JSON);
        res.setCharacterEncoding("UTF-8");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** A request without Content-Length whose body stream fails once it passes the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
