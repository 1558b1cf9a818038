package org.poyang.open.api;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.security.api.Subject;

/**
 * Use and showcase (应用示范, Art. 25-28): applications, analyses and research built on open data are
 * registered with the datasets they use and, once the management department has reviewed them (lawful and
 * proper use, Art. 25), listed for the public.
 */
@ProviderType
public interface Showcase {

    /** What was built. */
    enum Kind {
        /** 应用 */
        APP,
        /** 数据分析 */
        ANALYSIS,
        /** 研究成果 */
        RESEARCH,
        /** 创新大赛作品 (Art. 28) */
        COMPETITION
    }

    /**
     * A registration.
     *
     * @param name        its name
     * @param description what it does with the data
     * @param url         where to see it (http or https), or null
     * @param kind        what it is
     * @param datasets    the open datasets it uses (resource codes), 1 to 20
     */
    record Form(String name, String description, String url, Kind kind, List<String> datasets) {
    }

    /**
     * A registered item.
     *
     * @param status     {@code SUBMITTED}, {@code LISTED} or {@code DECLINED}
     * @param reviewNote the reviewer's note, or null
     */
    record Item(String id, String name, String description, String url, Kind kind, List<String> datasets, String owner, Instant createdAt,
            String status, String reviewNote, String reviewedBy) {
    }

    /** Registers an item; refused: unknown or not-open datasets, a URL that is not http(s), missing fields. */
    Item submit(Subject owner, Form form);

    /** The management department lists or declines an item, with a note. */
    Item review(Subject reviewer, String id, boolean list, String note);

    /** Listed items, newest first, optionally those using one dataset. */
    List<Item> listed(String dataset, int offset, int limit);

    /** The caller's own registrations, whatever their status. */
    List<Item> mine(Subject owner);

    /** Registrations waiting for review (management department). */
    List<Item> pending(Subject reviewer);
}
