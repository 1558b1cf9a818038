package org.poyang.platform.lifecycle.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards warnings and errors of the OSGi Log Service to SLF4J, and so to {@code poyang.log}.
 * Felix SCR (component activation failures) and the Configurator (unreadable profile configuration)
 * report only there; without this their errors end in the framework cache's own log file, unseen.
 */
@Component(immediate = true, service = {})
public final class OsgiLogForwarder implements LogListener {

    private final LogReaderService reader;

    @Activate
    public OsgiLogForwarder(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        LogLevel level = entry.getLogLevel();
        if (level != LogLevel.ERROR && level != LogLevel.WARN) {
            return;
        }
        String source = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
        Logger log = LoggerFactory.getLogger("osgi." + source);
        if (level == LogLevel.ERROR) {
            log.error("{}", entry.getMessage(), entry.getException());
        } else {
            log.warn("{}", entry.getMessage(), entry.getException());
        }
    }
}
