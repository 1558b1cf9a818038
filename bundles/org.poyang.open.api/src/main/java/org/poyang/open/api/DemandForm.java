package org.poyang.open.api;

import org.poyang.catalog.api.PriorityCategory;

/**
 * A request for data to be opened (开放需求, Art. 14, 15).
 *
 * @param title       what is wanted, in a line
 * @param description why and for what use
 * @param resource    the catalog entry to open (a not-open or conditionally open one), or null for data
 *                    not in the open catalog yet
 * @param provider    the agency thought to hold the data (credit code), when no entry is named; or null
 * @param category    the priority-open category it falls in (Art. 15), or null
 */
public record DemandForm(String title, String description, String resource, String provider, PriorityCategory category) {
}
