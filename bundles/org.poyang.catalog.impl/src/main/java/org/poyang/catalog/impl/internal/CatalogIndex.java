package org.poyang.catalog.impl.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.poyang.catalog.api.CatalogAudience;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryStatus;

/**
 * The catalog's full-text index (Lucene) with Chinese text indexed as overlapping character bigrams
 * (CJKAnalyzer: width folding, lower case, CJK bigrams) and facet counts from doc values. Bigrams
 * rather than a word segmenter: a query finds every entry that contains its text, whatever a
 * segmenter would have made of the surrounding words (鄱阳湖 is found in 鄱阳湖候鸟 and in 环鄱阳湖),
 * and indexing is several times faster than smartcn's HMM segmentation. The database is the truth: the
 * index counts the entry versions it has applied and is rebuilt from the database when that count
 * differs from the database's (after a crash between a commit and its indexing, or on first start).
 * Versions are only ever added, so the count is exact whatever order concurrent commits index in.
 */
final class CatalogIndex implements AutoCloseable {

    /** Commit user data: how many entry versions the index has applied. */
    static final String APPLIED = "poyang.catalog.versions";
    /** Commit data naming the document layout; an index of another layout is rebuilt at start. */
    static final String LAYOUT = "poyang.catalog.layout";
    /** Layout 2 adds the priority-open category facet (Art. 15). */
    static final String LAYOUT_VERSION = "2";
    private static final String CODE = "code";
    private static final String CODE_SORT = "code_sort";
    private static final String STATUS = "status";
    private static final String OPEN = "open";
    private static final Map<String, Float> TEXT_FIELDS = Map.of("name", 4f, "keywords", 3f, "items", 1.5f, "summary", 1f);

    private final Directory directory;
    private final Analyzer analyzer = new CJKAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final FacetsConfig facets = new FacetsConfig();
    private volatile FacetState facetState;
    private boolean dirty;
    private final java.util.concurrent.ScheduledExecutorService flusher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "poyang-catalog-index-flush");
                t.setDaemon(true);
                return t;
            });

    private record FacetState(DirectoryReader reader, SortedSetDocValuesReaderState state) {
    }

    CatalogIndex(Path dir) throws IOException {
        Files.createDirectories(dir);
        directory = new NIOFSDirectory(dir);
        writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(32));
        searchers = new SearcherManager(writer, null);
        applied = Math.max(applied(), 0); // continue counting from what the last commit recorded
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CatalogIndex.class).warn("Catalog index flush failed; it will be retried", e);
            }
        }, FLUSH_SECONDS, FLUSH_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Longest time a published change waits before it is synced to disk. */
    static final int FLUSH_SECONDS = 2;

    private long applied;

    /** Entry versions the index had applied at its last commit; -1 for a new index. */
    long applied() {
        Map<String, String> data = writer.getLiveCommitData() == null ? Map.of() : toMap(writer.getLiveCommitData());
        String v = data.get(APPLIED);
        return v == null || !LAYOUT_VERSION.equals(data.get(LAYOUT)) ? -1 : Long.parseLong(v);
    }

    private static Map<String, String> toMap(Iterable<Map.Entry<String, String>> data) {
        Map<String, String> m = new LinkedHashMap<>();
        data.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** Drops everything before a rebuild. */
    void clear() throws IOException {
        writer.deleteAll();
        synchronized (this) {
            applied = 0;
        }
    }

    /** Adds or replaces the documents of {@code entries}; visible to searches after {@link #commit(long)}. */
    void put(Collection<CatalogEntry> entries, Function<CatalogEntry, String> providerName) {
        try {
            for (CatalogEntry e : entries) {
                writer.updateDocument(new Term(CODE, e.code().value()), facets.build(document(e, providerName.apply(e))));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Counts {@code versions} more applied versions and makes what was put visible to new searches at
     * once; durable at the next {@link #flush()}, so that single changes do not pay a disk sync each.
     * Should the process die before that, the count on disk is behind the database's and the index is
     * rebuilt at start.
     */
    void publish(long versions) {
        try {
            synchronized (this) {
                applied = Math.max(applied, 0) + versions;
                writer.setLiveCommitData(Map.of(APPLIED, Long.toString(applied), LAYOUT, LAYOUT_VERSION).entrySet());
                dirty = true;
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@link #publish(long)} and {@link #flush()} at once. */
    void commit(long versions) {
        publish(versions);
        flush();
    }

    /** Syncs published changes to disk, if there are any. */
    void flush() {
        try {
            synchronized (this) {
                if (!dirty) {
                    return;
                }
                dirty = false;
            }
            writer.commit();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Document document(CatalogEntry e, String providerName) {
        Document d = new Document();
        d.add(new StringField(CODE, e.code().value(), Field.Store.YES));
        d.add(new SortedDocValuesField(CODE_SORT, new org.apache.lucene.util.BytesRef(e.code().value())));
        d.add(new TextField("name", e.name(), Field.Store.YES));
        d.add(new TextField("summary", e.summary() == null ? "" : e.summary(), Field.Store.YES));
        d.add(new TextField("keywords", String.join(" ", e.keywords()), Field.Store.NO));
        d.add(new TextField("items", String.join(" ", e.items().stream().map(DataItem::name).toList()), Field.Store.NO));
        d.add(new StringField(STATUS, e.status().name(), Field.Store.NO));
        d.add(new StringField(OPEN, Boolean.toString(e.openType().isOpen()), Field.Store.NO));
        d.add(new StoredField("provider", e.provider().value()));
        d.add(new StoredField("providerName", providerName == null ? "" : providerName));
        d.add(new StoredField("openType", e.openType().name()));
        d.add(new StoredField("shareType", e.shareType().name()));
        d.add(new StoredField("grade", e.grade().code()));
        d.add(new StoredField("updateFrequency", e.updateFrequency() == null ? "" : e.updateFrequency().name()));
        d.add(new StoredField("version", e.version()));
        facet(d, "grade", e.grade().code());
        facet(d, "openType", e.openType().name());
        facet(d, "shareType", e.shareType().name());
        facet(d, "provider", e.provider().value());
        facet(d, "updateFrequency", e.updateFrequency() == null ? null : e.updateFrequency().name());
        facet(d, "format", e.format() == null ? null : e.format().name());
        facet(d, "baseDatabase", e.baseDatabase() == null ? null : e.baseDatabase().name());
        facet(d, "region", e.scope().value());
        facet(d, "priorityCategory", e.priorityCategory() == null ? null : e.priorityCategory().name());
        return d;
    }

    private static void facet(Document d, String dim, String value) {
        if (value != null) {
            d.add(new SortedSetDocValuesFacetField(dim, value));
            d.add(new StringField("f_" + dim, value, Field.Store.NO));
        }
    }

    /** Runs a query: segmented text against the weighted fields, filters, the audience's catalog, facets. */
    CatalogSearchResult search(CatalogQuery q) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                Query query = build(q);
                FacetsCollectorManager.FacetsResult r;
                TopDocs top;
                int n = q.offset() + q.limit();
                boolean blank = q.text() == null || q.text().isBlank();
                FacetsCollectorManager fcm = new FacetsCollectorManager();
                if (blank) {
                    r = FacetsCollectorManager.search(s, query, n, new Sort(new SortField(CODE_SORT, SortField.Type.STRING)), fcm);
                } else {
                    r = FacetsCollectorManager.search(s, query, n, fcm);
                }
                top = r.topDocs();
                List<CatalogSearchResult.Hit> hits = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = q.offset(); i < docs.length; i++) {
                    Document d = s.storedFields().document(docs[i].doc);
                    hits.add(new CatalogSearchResult.Hit(d.get(CODE), d.get("name"), d.get("provider"), d.get("providerName"),
                            d.get("summary"), d.get("openType"), d.get("shareType"), d.get("grade"), emptyToNull(d.get("updateFrequency")),
                            d.getField("version").numericValue().intValue(), blank || Float.isNaN(docs[i].score) ? 0f : docs[i].score));
                }
                return new CatalogSearchResult(top.totalHits.value, hits, counts(s, r.facetsCollector()));
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private Map<String, Map<String, Long>> counts(IndexSearcher s, FacetsCollector fc) throws IOException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        DirectoryReader reader = (DirectoryReader) s.getIndexReader();
        if (reader.numDocs() == 0) {
            CatalogQuery.FACETS.forEach(f -> out.put(f, Map.of()));
            return out;
        }
        FacetState st = facetState;
        if (st == null || st.reader() != reader) {
            st = new FacetState(reader, new DefaultSortedSetDocValuesReaderState(reader, facets));
            facetState = st;
        }
        Facets f = new SortedSetDocValuesFacetCounts(st.state(), fc);
        for (String dim : CatalogQuery.FACETS) {
            Map<String, Long> values = new LinkedHashMap<>();
            FacetResult fr;
            try {
                fr = f.getTopChildren(100, dim);
            } catch (IllegalArgumentException noSuchDim) {
                fr = null; // no document carries this dimension yet
            }
            if (fr != null) {
                for (LabelAndValue lv : fr.labelValues) {
                    values.put(lv.label, lv.value.longValue());
                }
            }
            out.put(dim, values);
        }
        return out;
    }

    private Query build(CatalogQuery q) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (q.audience() != CatalogAudience.MANAGEMENT) {
            // Art. 22: agencies see the published share catalog; Art. 17: the public sees only open entries.
            b.add(new TermQuery(new Term(STATUS, EntryStatus.PUBLISHED.name())), Occur.FILTER);
            if (q.audience() == CatalogAudience.PUBLIC) {
                b.add(new TermQuery(new Term(OPEN, "true")), Occur.FILTER);
            }
        }
        for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
            if (f.getValue().isEmpty()) {
                continue;
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String v : f.getValue()) {
                any.add(new TermQuery(new Term("f_" + f.getKey(), v)), Occur.SHOULD);
            }
            b.add(any.build(), Occur.FILTER);
        }
        List<String> tokens = q.text() == null ? List.of() : tokens(q.text());
        if (tokens.isEmpty()) {
            b.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        for (String t : tokens) {
            // every term must occur in some field; the best field's score counts
            List<Query> perField = new ArrayList<>();
            TEXT_FIELDS.forEach((field, boost) -> perField.add(new BoostQuery(new TermQuery(new Term(field, t)), boost)));
            b.add(new DisjunctionMaxQuery(perField, 0.1f), Occur.MUST);
        }
        return b.build();
    }

    /** The terms the analyzer makes of {@code text}: bigrams of Chinese, words of other scripts. */
    List<String> tokens(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("name", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
            ts.end();
        }
        return out;
    }

    /** Documents in the index. */
    int size() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            searchers.release(s);
        }
    }

    @Override
    public void close() throws IOException {
        // Lucene's file channels close for good when the thread using them is interrupted
        // (ClosedByInterruptException), leaving the writer unable to flush or close. So: shutdown, not
        // shutdownNow, lets a running flush finish; and this thread's interrupt, if any, waits until
        // the index is closed.
        boolean interrupted = Thread.interrupted();
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                org.slf4j.LoggerFactory.getLogger(CatalogIndex.class).warn("A catalog index flush still runs after 30 s; closing anyway");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            flush();
            searchers.close();
            writer.close();
            directory.close();
            analyzer.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
