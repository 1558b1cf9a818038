package org.poyang.platform.lifecycle.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the framework in order when the JVM is asked to exit (Ctrl-C, SIGTERM), so that every
 * bundle deactivates: requests drain, the database shuts down cleanly and logs are flushed. The
 * launcher alone would let the JVM exit with the framework still running.
 */
@Component(immediate = true, service = {})
public final class ShutdownHook {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHook.class);
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final Thread hook;

    @Activate
    public ShutdownHook(BundleContext context) {
        Framework framework = (Framework) context.getBundle(0);
        hook = new Thread(() -> stop(framework), "poyang-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // this deactivation is the hook at work
        }
    }

    private static void stop(Framework framework) {
        LOG.info("正在停止 Poyang (stopping Poyang) ...");
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("Poyang did not stop within " + STOP_TIMEOUT_MS / 1000 + " s; exiting anyway");
            }
        } catch (BundleException e) {
            System.err.println("Poyang could not stop the framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
