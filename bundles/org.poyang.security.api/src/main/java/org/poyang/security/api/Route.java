package org.poyang.security.api;

/** The way data leaves the platform (出口); masking depends on it (Art. 13, 18, 23, 31). */
public enum Route {
    /** Open data by API call (Art. 18). */
    OPEN_API,
    /** Open data by download (Art. 18). */
    OPEN_DOWNLOAD,
    /** Shared data by API call, REST or SOAP (Art. 23). */
    SHARE_API,
    /** Shared data by bulk download (Art. 23). */
    SHARE_DOWNLOAD,
    /** The result of an algorithm model run inside the platform: aggregates only (Art. 18). */
    MODEL_RESULT
}
