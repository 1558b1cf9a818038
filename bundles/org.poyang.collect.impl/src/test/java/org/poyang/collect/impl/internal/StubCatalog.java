package org.poyang.collect.impl.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.Difference;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.EntryVersion;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;

/**
 * A catalog holding entries the test puts in and changes: only {@link #get} and {@link #list}
 * answer, as the resource store needs nothing else.
 */
final class StubCatalog implements CatalogService {

    /** A provider (computed credit code, registered in Nanchang). */
    static final CreditCode PROVIDER = CreditCode.parse(TestIds.creditCode("11360100MB0000001"));
    /** Another provider. */
    static final CreditCode OTHER_PROVIDER = CreditCode.parse(TestIds.creditCode("11360200MB0000002"));

    private final Map<ResourceCode, CatalogEntry> entries = new ConcurrentHashMap<>();

    /** Stores (or replaces) an entry as the catalog's current state of it. */
    CatalogEntry put(CatalogEntry e) {
        entries.put(e.code(), e);
        return e;
    }

    /** Replaces an entry's items as a new catalog version (a published entry changed, Art. 9). */
    CatalogEntry revise(ResourceCode code, List<DataItem> items) {
        CatalogEntry e = entries.get(code);
        return put(copy(e, items, e.status(), e.version() + 1));
    }

    /** Moves an entry to another state as a new catalog version. */
    CatalogEntry setStatus(ResourceCode code, EntryStatus status) {
        CatalogEntry e = entries.get(code);
        return put(copy(e, e.items(), status, e.version() + 1));
    }

    private static CatalogEntry copy(CatalogEntry e, List<DataItem> items, EntryStatus status, int version) {
        return new CatalogEntry(e.code(), e.classification(), e.name(), e.provider(), e.summary(), e.format(), items,
                e.shareType(), e.shareConditions(), e.shareMethod(), e.legalBasis(), e.openType(), e.openConditions(),
                e.openBasis(), e.openBasisNote(), e.updateFrequency(), e.publishedOn(), e.relatedCodes(), e.keywords(),
                e.baseDatabase(), e.thematicDatabase(), e.priorityCategory(), e.scope(), e.grade(), status, version,
                Instant.parse("2026-03-01T00:00:00Z"), "catalog-test");
    }

    /** A published entry of {@link #PROVIDER}, version 1. */
    static CatalogEntry entry(String code, String name, UpdateFrequency frequency, LocalDate publishedOn, List<DataItem> items) {
        return entry(code, name, PROVIDER, frequency, publishedOn, EntryStatus.PUBLISHED, items);
    }

    static CatalogEntry entry(String code, String name, CreditCode provider, UpdateFrequency frequency, LocalDate publishedOn,
            EntryStatus status, List<DataItem> items) {
        ResourceCode rc = ResourceCode.parse(code);
        Grade grade = items.stream().map(DataItem::grade).max(Comparator.naturalOrder()).orElse(Grade.general(1));
        return new CatalogEntry(rc, rc.classification(), name, provider, name + "（测试）", ResourceFormat.DATABASE, items,
                ShareType.UNCONDITIONAL, null, ShareMethod.API, null, OpenType.NOT_OPEN, null, null, null, frequency,
                status == EntryStatus.PUBLISHED ? publishedOn : null, List.of(), List.of("测试"), null, null, null,
                RegionCode.JIANGXI, grade, status, 1, Instant.parse("2026-03-01T00:00:00Z"), "catalog-test");
    }

    /** A general-data item (level 1), collected by {@link #PROVIDER}. */
    static DataItem item(String name, DataType type, Integer length) {
        return new DataItem(name, type, length, false, SensitiveType.NONE, Grade.general(1), PROVIDER);
    }

    /** A personal item: identifies a person, of the given sensitive type. */
    static DataItem personal(String name, DataType type, Integer length, SensitiveType sensitive) {
        return new DataItem(name, type, length, true, sensitive, Grade.general(2), PROVIDER);
    }

    /** An item graded important data (Art. 8), not personal. */
    static DataItem important(String name, DataType type, Integer length) {
        return new DataItem(name, type, length, false, SensitiveType.NONE, Grade.IMPORTANT, PROVIDER);
    }

    @Override
    public Optional<CatalogEntry> get(ResourceCode code) {
        return Optional.ofNullable(entries.get(code));
    }

    @Override
    public List<CatalogEntry> list(CreditCode provider, EntryStatus status, int offset, int limit) {
        List<CatalogEntry> out = new ArrayList<>();
        entries.values().stream()
                .filter(e -> provider == null || e.provider().equals(provider))
                .filter(e -> status == null || e.status() == status)
                .sorted(Comparator.comparing(e -> e.code().value()))
                .skip(offset).limit(limit).forEach(out::add);
        return out;
    }

    @Override
    public CatalogEntry create(EntryDraft draft, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CatalogEntry> createAll(List<EntryDraft> drafts, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CatalogEntry update(ResourceCode code, EntryDraft draft, int expectedVersion, String actor, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CatalogEntry transition(ResourceCode code, EntryVersion.Action action, String actor, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<EntryVersion> versions(ResourceCode code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<EntryVersion> version(ResourceCode code, int version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Difference> diff(ResourceCode code, int from, int to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CatalogSearchResult search(CatalogQuery query) {
        throw new UnsupportedOperationException();
    }
}
