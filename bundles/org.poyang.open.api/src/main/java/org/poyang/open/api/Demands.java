package org.poyang.open.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.security.api.Subject;

/**
 * Demand-led opening (需求导向, Art. 14, 15): the public asks for data to be opened and votes; agencies
 * see the demand per resource and answer; the priority-open categories list what is open in each.
 */
@ProviderType
public interface Demands {

    /** Records a request. Refused: missing title, data already open without conditions, unknown entries. */
    Demand submit(Subject requester, DemandForm form);

    /** Requests, most votes first (or newest first), optionally of one resource, provider or status. */
    List<Demand> list(String resource, String provider, String status, boolean newestFirst, int offset, int limit);

    Demand get(String id);

    /** One vote per account; a second vote, or a vote on an answered request, is refused. */
    Demand vote(Subject voter, String id);

    /** The providing agency (or, without one, the management department) answers. */
    Demand answer(Subject caller, String id, DemandAnswer answer);

    /** Open demand for an agency's resources, most wanted first (the agency, management, supervisors). */
    List<ResourceDemand> byResource(Subject caller, String provider);

    /**
     * The priority-open categories of Art. 15 with the entries open in each.
     *
     * @param category one category, or null for all
     */
    List<PriorityOpening> priorities(PriorityCategory category);

    /**
     * One priority-open category and what is open in it.
     *
     * @param category the category
     * @param labelZh  its name
     * @param labelEn  its English name
     * @param open     entries in it in the open catalog
     * @param entries  those entries (up to 200): code, name, provider, open type
     */
    record PriorityOpening(PriorityCategory category, String labelZh, String labelEn, long open, List<Entry> entries) {

        /** An entry in the open catalog. */
        public record Entry(String code, String name, String provider, String providerName, String openType) {
        }
    }
}
