package org.poyang.security.api;

/**
 * The attributes of the thing asked for that access depends on; everything may be null when the
 * action has no resource (e.g. listing accounts).
 *
 * @param id       the resource's id, e.g. a resource code, as recorded on the audit trail
 * @param provider credit code of the providing agency (提供单位)
 * @param open     its open type (开放属性, Art. 17), or null
 * @param share    its share type (共享属性, Art. 22), or null
 * @param grade    its grade (分级, Art. 8), e.g. {@code GENERAL_2}, {@code IMPORTANT}, or null
 * @param published whether it is published in the province-wide catalogs
 */
public record Resource(String id, String provider, Open open, Share share, String grade, boolean published) {

    /** Open types (Art. 17). */
    public enum Open {
        UNCONDITIONAL, CONDITIONAL, NOT_OPEN
    }

    /** Share types (Art. 22). */
    public enum Share {
        UNCONDITIONAL, CONDITIONAL, NOT_SHARED
    }

    /** A resource known only by its id. */
    public static Resource named(String id) {
        return new Resource(id, null, null, null, null, false);
    }
}
