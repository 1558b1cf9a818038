package org.poyang.catalog.impl.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.poyang.catalog.api.CatalogAudience;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.NewAgency;

/**
 * Catalog benchmark (issue 3), one JVM, one data set, both sides measured in the same run:
 * <ol>
 * <li>bulk import: 10,000-entry CSV files in the agencies' template parsed by {@link CatalogExchange}
 * and stored by {@link JdbcCatalogService#createAll} (rules, Art. 12 register, versions, index), ten
 * times, until the catalog holds 100,000 entries;</li>
 * <li>search: Chinese queries against the 100,000 entries through {@link JdbcCatalogService#search}
 * (CJK bigrams, Lucene, facet counts over all matches), and the same words as a SQL
 * {@code LIKE '%word%'} over name, abstract, keywords and item names in the same embedded Derby
 * database, returning the first 20 codes and the number of matches.</li>
 * </ol>
 * Prints {@code key=value} lines that {@code releng/bench/catalog.sh} turns into docs/benchmarks.md.
 *
 * <pre>java ... org.poyang.catalog.impl.internal.CatalogBench WORKDIR [entries] [searches] [likeSearches]</pre>
 */
public final class CatalogBench {

    private static final String[] HEADER = {"资源分类代码", "信息资源名称", "提供方统一社会信用代码", "信息资源摘要", "资源格式", "共享属性", "共享条件",
        "共享方式", "共享依据", "开放属性", "开放条件", "开放依据", "开放依据说明", "更新周期", "关联资源代码", "关键字", "所属基础数据库", "所属主题库",
        "重点和优先开放类别", "目录范围", "分级", "信息项名称", "数据类型", "数据长度", "是否个人信息", "敏感类型", "信息项分级", "法定采集部门统一社会信用代码"};

    private CatalogBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int searches = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int likeSearches = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int batch = 10_000;
        Files.createDirectories(work);

        // Derby's settings as the persistence bundle makes them inside the platform (page size, log buffers, lock timeouts)
        org.poyang.platform.persistence.internal.DataSourceProvider.derbySystemDefaults();
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(work.resolve("db").toString());
        ds.setCreateDatabase("create");
        org.poyang.bench.Schemas.migrate(ds, "db/org.poyang.catalog.impl/changelog.xml");

        // the real audit trail: every import is audited before it commits, as in the platform
        org.poyang.security.impl.internal.JdbcAuditTrailAccess.migrate(ds);
        org.poyang.security.api.AuditTrail audit = org.poyang.security.impl.internal.JdbcAuditTrailAccess.open(ds, work);
        JdbcAgencyService agencies = new JdbcAgencyService(ds, null, audit);
        CatalogGenerator gen = new CatalogGenerator(20261127L);
        List<NewAgency> newAgencies = gen.agencies(200);
        for (NewAgency a : newAgencies) {
            agencies.register(a);
        }
        JdbcCatalogService catalog = new JdbcCatalogService(ds, agencies, audit, work.resolve("index"), 4, Clock.systemUTC());

        List<EntryDraft> all = gen.entries(newAgencies, total);
        List<Double> importSeconds = new ArrayList<>();
        List<Double> searchableSeconds = new ArrayList<>();
        for (int from = 0; from < total; from += batch) {
            List<EntryDraft> slice = all.subList(from, Math.min(total, from + batch));
            byte[] csv = csv(slice);
            long t0 = System.nanoTime();
            CatalogExchange.Parsed parsed = CatalogExchange.readCsv(new ByteArrayInputStream(csv));
            if (!parsed.problems().isEmpty()) {
                throw new IllegalStateException("generated CSV refused: " + parsed.problems().subList(0, Math.min(5, parsed.problems().size())));
            }
            catalog.createAll(parsed.drafts(), "bench");
            double s = (System.nanoTime() - t0) / 1e9;
            catalog.awaitIndexed();
            double searchable = (System.nanoTime() - t0) / 1e9;
            importSeconds.add(s);
            searchableSeconds.add(searchable);
            System.err.printf(Locale.ROOT, "[catalog bench] imported %d entries (%d KiB CSV) in %.2f s, searchable after %.2f s; catalog holds %d%n",
                    slice.size(), csv.length / 1024, s, searchable, from + slice.size());
        }
        System.out.println("entries=" + total);
        System.out.println("import_batch=" + batch);
        System.out.printf(Locale.ROOT, "import_first_s=%.2f%n", importSeconds.get(0));
        System.out.printf(Locale.ROOT, "import_median_s=%.2f%n", median(importSeconds));
        System.out.printf(Locale.ROOT, "import_max_s=%.2f%n", importSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        System.out.printf(Locale.ROOT, "searchable_first_s=%.2f%n", searchableSeconds.get(0));
        System.out.printf(Locale.ROOT, "searchable_median_s=%.2f%n", median(searchableSeconds));
        System.out.printf(Locale.ROOT, "searchable_max_s=%.2f%n", searchableSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));

        // Queries: words the generator uses, one or two per query, drawn reproducibly.
        List<String> words = CatalogGenerator.queryVocabulary();
        Random r = new Random(7);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String q = words.get(r.nextInt(words.size()));
            if (r.nextInt(3) == 0) {
                q = q + " " + words.get(r.nextInt(words.size()));
            }
            queries.add(q);
        }
        // Warm-up, then the measured run.
        for (int i = 0; i < 300; i++) {
            catalog.search(new CatalogQuery(queries.get(i % queries.size()), CatalogAudience.MANAGEMENT, Map.of(), 0, 20));
        }
        double[] lucene = new double[searches];
        long hits = 0;
        for (int i = 0; i < searches; i++) {
            String q = queries.get(i % queries.size());
            long t0 = System.nanoTime();
            CatalogSearchResult res = catalog.search(new CatalogQuery(q, CatalogAudience.MANAGEMENT, Map.of(), 0, 20));
            lucene[i] = (System.nanoTime() - t0) / 1e6;
            hits += res.total();
        }
        double[] like = new double[likeSearches];
        long likeHits = 0;
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < 3; i++) {
                likeSearch(c, queries.get(i)); // warm-up
            }
            for (int i = 0; i < likeSearches; i++) {
                String q = queries.get(i % queries.size());
                long t0 = System.nanoTime();
                likeHits += likeSearch(c, q);
                like[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(lucene);
        Arrays.sort(like);
        System.out.println("searches=" + searches);
        System.out.println("like_searches=" + likeSearches);
        System.out.printf(Locale.ROOT, "lucene_p50_ms=%.2f%nlucene_p95_ms=%.2f%nlucene_p99_ms=%.2f%n", pct(lucene, 50), pct(lucene, 95), pct(lucene, 99));
        System.out.printf(Locale.ROOT, "like_p50_ms=%.2f%nlike_p95_ms=%.2f%n", pct(like, 50), pct(like, 95));
        System.out.printf(Locale.ROOT, "lucene_mean_hits=%.1f%nlike_mean_hits=%.1f%n", (double) hits / searches, (double) likeHits / likeSearches);
        System.out.printf(Locale.ROOT, "ratio_p50=%.1f%nratio_p95=%.1f%n", pct(like, 50) / pct(lucene, 50), pct(like, 95) / pct(lucene, 95));
        System.out.println("sample_queries=" + String.join(" | ", queries.subList(0, 8)));
        catalog.close();
        try {
            ds.setShutdownDatabase("shutdown");
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }

    /** Every word must occur in name, abstract, keywords or item names; first 20 codes plus the count. */
    private static int likeSearch(Connection c, String query) throws SQLException {
        String[] words = query.split(" ");
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            where.append(i == 0 ? "" : " AND ").append("(NAME LIKE ? OR SUMMARY LIKE ? OR KEYWORDS LIKE ? OR ITEM_NAMES LIKE ?)");
        }
        int n = 0;
        List<String> first = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT RESOURCE_CODE FROM CAT_ENTRY WHERE " + where + " ORDER BY RESOURCE_CODE")) {
            int p = 1;
            for (String w : words) {
                for (int k = 0; k < 4; k++) {
                    ps.setString(p++, "%" + w + "%");
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n++ < 20) {
                        first.add(rs.getString(1));
                    }
                }
            }
        }
        return n;
    }

    private static byte[] csv(List<EntryDraft> drafts) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (EntryDraft d : drafts) {
                boolean first = true;
                for (EntryDraft.ItemDraft i : d.items()) {
                    List<Object> row = new ArrayList<>();
                    if (first) {
                        row.addAll(Arrays.asList(d.classification(), d.name(), d.provider(), d.summary(), d.format(), d.shareType(),
                                d.shareConditions(), d.shareMethod(), d.legalBasis(), d.openType(), d.openConditions(), d.openBasis(),
                                d.openBasisNote(), d.updateFrequency(), join(d.relatedCodes()), join(d.keywords()), d.baseDatabase(),
                                d.thematicDatabase(), d.priorityCategory(), d.scope(), d.grade()));
                    } else {
                        for (int k = 0; k < 21; k++) {
                            row.add(null);
                        }
                    }
                    row.addAll(Arrays.asList(i.name(), i.dataType(), i.length(), i.identifiesPerson(), i.sensitiveType(), i.grade(),
                            i.collectingAgency()));
                    p.printRecord(row);
                    first = false;
                }
            }
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String join(List<String> l) {
        return l == null ? null : String.join("；", l);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
