package org.poyang.catalog.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The public data resource catalog (公共数据资源目录, Art. 6, 8, 9, 11, 12, 17, 22): entries, their
 * versions and lifecycle. Every refusal is an {@code org.poyang.platform.rest.ProblemException}
 * listing every broken rule; a refused call stores nothing.
 */
@ProviderType
public interface CatalogService {

    /**
     * Creates a draft entry and gives it a new resource code.
     *
     * @param actor who writes it (recorded in the version)
     */
    CatalogEntry create(EntryDraft draft, String actor);

    /**
     * Creates many draft entries at once (bulk import): all of them, or none when any row breaks a
     * rule, in which case the problem's violations name the rows as {@code rows[n].field} (n counted
     * from 1 in the order given).
     */
    List<CatalogEntry> createAll(List<EntryDraft> drafts, String actor);

    /**
     * Replaces the content of a draft, returned or published entry. A change to a published entry
     * needs a reason (动态调整, Art. 9) and stays published as a new version.
     *
     * @param expectedVersion the version the editor started from; a different current version is a conflict
     */
    CatalogEntry update(ResourceCode code, EntryDraft draft, int expectedVersion, String actor, String reason);

    /** Moves an entry along its lifecycle; returns and withdrawals need a reason. */
    CatalogEntry transition(ResourceCode code, EntryVersion.Action action, String actor, String reason);

    /** The current state of an entry. */
    Optional<CatalogEntry> get(ResourceCode code);

    /** Every version of an entry, oldest first; empty when there is no such entry. */
    List<EntryVersion> versions(ResourceCode code);

    /** One version of an entry. */
    Optional<EntryVersion> version(ResourceCode code, int version);

    /** What changed from version {@code from} to version {@code to}. */
    List<Difference> diff(ResourceCode code, int from, int to);

    /**
     * Current entries, ordered by code: those of one provider when {@code provider} is not null, in
     * one state when {@code status} is not null.
     */
    List<CatalogEntry> list(CreditCode provider, EntryStatus status, int offset, int limit);

    /** Full-text search with facets (Art. 17, 22 decide what each audience sees). */
    CatalogSearchResult search(CatalogQuery query);

    /** Longest entry name accepted. */
    int MAX_NAME_LENGTH = 200;
    /** Longest abstract, conditions or legal basis accepted. */
    int MAX_TEXT_LENGTH = 2000;
    /** Most data items in one entry. */
    int MAX_ITEMS = 500;
    /** Most keywords in one entry. */
    int MAX_KEYWORDS = 20;
    /** Most entries in one bulk import. */
    int MAX_IMPORT = 20_000;
}
