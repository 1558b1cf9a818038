package org.poyang.platform.lifecycle.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the framework's start level until the deployment profile's configuration (the file named by
 * {@code configurator.initial}) is in Configuration Admin. The OSGi Configurator applies that file
 * on a worker thread of its own; without this gate the platform's components could start with
 * their defaults and restart moments later when the profile's values arrived, so a fresh instance
 * answered {@code /api/health} with 200, then 503 while the database and every module restarted.
 * This bundle starts at a start level after the Configurator and before every component bundle.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class ConfigurationGate implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationGate.class);
    /** Property naming the profile's configuration: URLs separated by commas, or inline JSON. */
    static final String INITIAL = "configurator.initial";
    /** Longest wait, in seconds; an operator may change it with -Dpoyang.config.waitSeconds. */
    static final String WAIT = "poyang.config.waitSeconds";

    @Override
    public void start(BundleContext context) throws Exception {
        String initial = context.getProperty(INITIAL);
        if (initial == null || initial.isBlank()) {
            return;
        }
        Set<String> pids;
        try {
            pids = pids(initial);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read the profile configuration {} to wait for it: {}", initial, e.getMessage());
            return;
        }
        Duration limit = Duration.ofSeconds(Long.parseLong(String.valueOf(
                context.getProperty(WAIT) == null ? "30" : context.getProperty(WAIT)).trim()));
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        tracker.open();
        try {
            long t0 = System.nanoTime();
            ConfigurationAdmin cm = tracker.waitForService(limit.toMillis());
            if (cm == null) {
                LOG.warn("Configuration Admin did not start within {} s; components start without waiting for the profile", limit.toSeconds());
                return;
            }
            List<String> missing = await(pids, pid -> present(cm, pid), limit.minusNanos(System.nanoTime() - t0));
            if (missing.isEmpty()) {
                LOG.info("Profile configuration in place ({} PIDs) after {} ms", pids.size(), (System.nanoTime() - t0) / 1_000_000);
            } else {
                LOG.warn("Profile configuration still missing after {} s: {}; components start with their defaults and "
                        + "take these settings when they arrive", limit.toSeconds(), missing);
            }
        } finally {
            tracker.close();
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing held
    }

    private static boolean present(ConfigurationAdmin cm, String pid) {
        try {
            Configuration[] found = cm.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            return found != null && found.length > 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls until every PID is present or the time is up; returns the PIDs still missing. */
    static List<String> await(Set<String> pids, Predicate<String> present, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, limit.toNanos());
        List<String> missing = new ArrayList<>(pids);
        while (true) {
            missing.removeIf(present);
            if (missing.isEmpty() || System.nanoTime() >= deadline) {
                return missing;
            }
            Thread.sleep(20);
        }
    }

    /**
     * The configuration PIDs a Configurator resource defines: its top-level keys, except the
     * {@code :configurator:} properties. A factory configuration {@code factory~name} keeps that
     * name as its PID in Configuration Admin.
     */
    static Set<String> pids(String initial) throws IOException {
        Set<String> pids = new LinkedHashSet<>();
        String trimmed = initial.strip();
        if (trimmed.startsWith("{")) {
            collect(read(trimmed), pids);
            return pids;
        }
        for (String url : trimmed.split(",")) {
            if (url.isBlank()) {
                continue;
            }
            try (InputStream in = URI.create(url.strip()).toURL().openStream()) {
                collect(mapper().readTree(in), pids);
            }
        }
        return pids;
    }

    private static JsonNode read(String json) throws IOException {
        return mapper().readTree(json);
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.configure(JsonParser.Feature.ALLOW_COMMENTS, true);
        return m;
    }

    private static void collect(JsonNode resource, Set<String> pids) {
        if (resource == null || !resource.isObject()) {
            throw new IllegalArgumentException("a Configurator resource is a JSON object");
        }
        for (Iterator<String> names = resource.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.startsWith(":configurator:")) {
                pids.add(name);
            }
        }
    }
}
