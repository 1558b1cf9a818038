package org.poyang.collect.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;

/**
 * Marks shared data on its way out (数据水印): the share module registers one so that every delivery by
 * a share route carries the fingerprint of the grant (or using agency) it went to, and counts what
 * each grant delivered for the provider's usage report. Shared data may serve only the purpose it was
 * given for and must not be passed on (Art. 24); the fingerprint lets a leaked copy be traced.
 *
 * <p>Readers of the share routes ({@link Route#SHARE_API}, {@link Route#SHARE_DOWNLOAD}) ask for a marking
 * once the delivered columns are known, pass every row through it after masking and projection, and
 * say when the delivery ended.
 */
@ConsumerType
public interface RowMarker {

    /**
     * The marking of one delivery, or null when this delivery is not marked.
     *
     * @param resource the resource code
     * @param subject  who receives it
     * @param route    the route it leaves by
     * @param grantId  the grant relied on, or null for unconditionally shared data
     * @param purpose  the purpose stated
     * @param columns  the columns delivered, in order
     */
    Marking start(String resource, Subject subject, Route route, String grantId, String purpose, List<Column> columns);

    /** One delivery's marking; used by one thread. */
    interface Marking {

        /** Marks one delivered row in place and returns it. */
        String[] mark(String[] row);

        /** The delivery ended after {@code rows} rows. */
        void finished(long rows);
    }
}
