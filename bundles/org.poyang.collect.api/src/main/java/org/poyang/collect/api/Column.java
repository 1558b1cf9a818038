package org.poyang.collect.api;

import org.poyang.catalog.api.DataItem;

/**
 * One stored column of an entry: the catalog's data item and how it is kept.
 *
 * @param item      the data item (信息项) as the catalog declares it now
 * @param key       whether the item is part of the entry's record key
 * @param encrypted whether values are stored encrypted (sensitive or important items, Art. 31)
 */
public record Column(DataItem item, boolean key, boolean encrypted) {

    public String name() {
        return item.name();
    }
}
