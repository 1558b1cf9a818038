package org.poyang.catalog.api;

import java.time.Duration;
import java.util.Optional;

/**
 * How often a catalog entry's data is updated (更新周期, Art. 9, 13), with its DCAT-AP
 * {@code dct:accrualPeriodicity} term from the EU frequency vocabulary.
 */
public enum UpdateFrequency implements Labelled {
    REAL_TIME("实时", "real time", "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT", Duration.ofMinutes(15)),
    DAILY("每日", "daily", "http://publications.europa.eu/resource/authority/frequency/DAILY", Duration.ofDays(1)),
    WEEKLY("每周", "weekly", "http://publications.europa.eu/resource/authority/frequency/WEEKLY", Duration.ofDays(7)),
    MONTHLY("每月", "monthly", "http://publications.europa.eu/resource/authority/frequency/MONTHLY", Duration.ofDays(31)),
    QUARTERLY("每季度", "quarterly", "http://publications.europa.eu/resource/authority/frequency/QUARTERLY", Duration.ofDays(92)),
    YEARLY("每年", "yearly", "http://publications.europa.eu/resource/authority/frequency/ANNUAL", Duration.ofDays(366)),
    IRREGULAR("不定期", "irregular", "http://publications.europa.eu/resource/authority/frequency/IRREG", null);

    private final String labelZh;
    private final String labelEn;
    private final String dcatTerm;
    private final Duration longestInterval;

    UpdateFrequency(String labelZh, String labelEn, String dcatTerm, Duration longestInterval) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
        this.dcatTerm = dcatTerm;
        this.longestInterval = longestInterval;
    }

    /** The {@code dct:accrualPeriodicity} IRI for DCAT-AP export. */
    public String dcatTerm() {
        return dcatTerm;
    }

    /**
     * The longest time between deliveries before the entry counts as stale (Art. 13, 41); empty for
     * irregular entries, which are never stale by the clock alone.
     */
    public Optional<Duration> longestInterval() {
        return Optional.ofNullable(longestInterval);
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }
}
