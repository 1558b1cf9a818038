package org.poyang.open.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.security.api.Subject;

/**
 * Open data in emergencies (突发事件, Art. 16): the management department declares an event, opens the
 * resources needed for it to everyone (a grant to everyone that lasts until the event is closed, whatever
 * the resources' ordinary open type; personal items stay masked), and the agencies refresh them at the
 * interval the event requires; closing the event ends the opening at once.
 */
@ProviderType
public interface Emergencies {

    /** What happened (Art. 16). */
    enum Kind {
        /** 自然灾害 */
        NATURAL_DISASTER,
        /** 事故灾难 */
        ACCIDENT,
        /** 公共卫生事件 */
        PUBLIC_HEALTH,
        /** 社会安全事件 */
        SOCIAL_SECURITY
    }

    /**
     * An event to declare.
     *
     * @param title        its name
     * @param kind         what happened
     * @param description  what the public needs to know
     * @param refreshHours how often the opened data must be refreshed, in hours (1 to 168)
     */
    record Declaration(String title, Kind kind, String description, Integer refreshHours) {
    }

    /**
     * One resource opened for an event.
     *
     * @param resource     its code
     * @param name         its name
     * @param grant        the grant every read of it names during the event
     * @param links        where to get it
     * @param lastDelivery when its provider last delivered data, or null
     * @param dueBy        by when the next delivery is due on the event's interval, or null before the first
     * @param stale        whether that time has passed
     */
    record Opened(String resource, String name, String grant, Map<String, String> links, Instant lastDelivery, Instant dueBy, boolean stale) {
    }

    /**
     * An event.
     *
     * @param status {@code ACTIVE} or {@code CLOSED}
     */
    record Event(String id, String title, Kind kind, String description, int refreshHours, String status, String declaredBy, Instant declaredAt,
            String closedBy, Instant closedAt, String closeNote, List<Opened> resources) {
    }

    Event declare(Subject caller, Declaration declaration);

    /** Opens a published entry for the event (its items, by API and download). */
    Event open(Subject caller, String eventId, String resource);

    /** Closes the event: every opening it made ends at once. */
    Event close(Subject caller, String eventId, String note);

    Event get(String eventId);

    /** Events, active first, newest first. */
    List<Event> list(boolean activeOnly);
}
