package org.poyang.platform.rest.internal;

import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Client faults are expected traffic: log them briefly at debug instead of CXF's stack-trace warnings. */
final class QuietFaultListener implements FaultListener {

    private static final Logger LOG = LoggerFactory.getLogger(QuietFaultListener.class);

    @Override
    public boolean faultOccurred(Exception exception, String description, Message message) {
        LOG.debug("Fault on {}: {}", description, exception.toString());
        return false;
    }
}
