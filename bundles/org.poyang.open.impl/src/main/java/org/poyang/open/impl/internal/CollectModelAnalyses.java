package org.poyang.open.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowSink;
import org.poyang.open.api.AnalysisRequest;
import org.poyang.open.api.AnalysisResult;
import org.poyang.open.api.ModelAnalyses;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.persistence.RecordIds;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Decision;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;

/**
 * Algorithm model results (数据可用不可见, Art. 18) over the aggregated rows: the request is checked
 * item by item against the caller's permits, the rows are streamed from the resource store into the
 * {@link Analyser} inside the platform, and only cells that pass disclosure control leave. The request,
 * the entries read and the digest of the released result are recorded on the audit trail; so is every
 * analysis stopped at a limit.
 */
@Component(service = ModelAnalyses.class, configurationPid = "org.poyang.open.analysis")
@Designate(ocd = CollectModelAnalyses.Config.class)
public final class CollectModelAnalyses implements ModelAnalyses {

    /** Limits and thresholds of analyses. */
    @ObjectClassDefinition(name = "Poyang model results", description = "Disclosure control and limits of analyses run inside the platform")
    public @interface Config {
        @AttributeDefinition(description = "Least records a released cell aggregates (k); requests may raise it, never lower it")
        int k() default 10;

        @AttributeDefinition(description = "Longest an analysis may run, in milliseconds")
        long maxMillis() default 30_000;

        @AttributeDefinition(description = "Most cells (groups) an analysis may form")
        int maxGroups() default 10_000;

        @AttributeDefinition(description = "Most values quantiles may keep in memory over all cells")
        long maxRetainedValues() default 5_000_000;

        @AttributeDefinition(description = "Most rows of a joined entry held in memory")
        long maxJoinRows() default 1_000_000;
    }

    static final ProblemType ANALYSIS_LIMIT = new ProblemType("analysis-limit", 422, "分析超出平台限制，未发布任何结果",
            "The analysis went past a limit; nothing was released");
    static final String JOIN = "join.";

    private final CatalogService catalog;
    private final CollectService collect;
    private final PolicyEnforcementPoint pep;
    private final AuditTrail audit;
    private final Config config;

    @Activate
    public CollectModelAnalyses(@Reference CatalogService catalog, @Reference CollectService collect, @Reference PolicyEnforcementPoint pep,
            @Reference AuditTrail audit, Config config) {
        this.catalog = catalog;
        this.collect = collect;
        this.pep = pep;
        this.audit = audit;
        this.config = config;
    }

    @Override
    public AnalysisResult run(Subject s, AnalysisRequest r) {
        if (r == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少分析内容 (the analysis is empty)");
        }
        List<Violation> v = new ArrayList<>();
        CatalogEntry left = Entries.find(catalog, r.resource(), "resource");
        Decision leftPermit = permit(s, left, r.grant());
        CatalogEntry right = null;
        Decision rightPermit = null;
        if (r.join() != null) {
            right = Entries.find(catalog, r.join().resource(), "join.resource");
            rightPermit = permit(s, right, r.join().grant());
        }
        int k = r.k() == null ? config.k() : r.k();
        if (k < config.k()) {
            v.add(new Violation("k", "k 不得低于平台阈值 " + config.k(), "k may not be below the platform's threshold " + config.k()));
        }
        List<AnalysisRequest.Filter> filters = r.filters() == null ? List.of() : r.filters();
        List<String> groupBy = r.groupBy() == null ? List.of() : r.groupBy();
        List<AnalysisRequest.Measure> measures = r.measures() == null ? List.of() : r.measures();
        if (filters.size() > 20) {
            v.add(new Violation("filters", "条件最多 20 个", "at most 20 filters"));
        }
        if (groupBy.size() > 5) {
            v.add(new Violation("groupBy", "分组项最多 5 个", "at most 5 group-by items"));
        }
        if (measures.isEmpty() || measures.size() > 10) {
            v.add(new Violation("measures", "须有 1 到 10 个统计量", "give 1 to 10 measures"));
        }
        Set<String> rightUsed = new LinkedHashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            AnalysisRequest.Filter f = filters.get(i);
            String field = "filters[" + i + "]";
            if (f == null || f.item() == null || f.op() == null || f.values() == null || f.values().isEmpty()) {
                v.add(new Violation(field, "条件须有信息项、运算符和取值", "a filter has an item, an operator and values"));
                continue;
            }
            String op = f.op().toLowerCase(Locale.ROOT);
            if (!Set.of("eq", "ne", "in", "lt", "le", "gt", "ge").contains(op)) {
                v.add(new Violation(field + ".op", "运算符应为 eq、ne、in、lt、le、gt、ge", "the operator is eq, ne, in, lt, le, gt or ge"));
            } else if (!op.equals("in") && f.values().size() != 1 || f.values().size() > 1000 || f.values().stream().anyMatch(x -> x == null)) {
                v.add(new Violation(field + ".values", "in 最多 1000 个取值，其他运算符恰好一个取值", "in takes up to 1000 values, other operators exactly one"));
            }
            check(f.item(), field + ".item", Use.DIMENSION, left, leftPermit, right, rightPermit, rightUsed, v);
        }
        for (int i = 0; i < groupBy.size(); i++) {
            check(groupBy.get(i), "groupBy[" + i + "]", Use.DIMENSION, left, leftPermit, right, rightPermit, rightUsed, v);
        }
        for (int i = 0; i < measures.size(); i++) {
            AnalysisRequest.Measure m = measures.get(i);
            String field = "measures[" + i + "]";
            String fn = m == null || m.fn() == null ? "" : m.fn().toLowerCase(Locale.ROOT);
            switch (fn) {
                case "count" -> {
                    // counts records; no item
                }
                case "sum", "avg", "quantile" -> {
                    check(m.item(), field + ".item", Use.MEASURE, left, leftPermit, right, rightPermit, rightUsed, v);
                    if (fn.equals("quantile") && (m.p() == null || !(m.p() > 0 && m.p() < 1))) {
                        v.add(new Violation(field + ".p", "分位数 p 应在 0 与 1 之间", "the quantile's p lies between 0 and 1"));
                    }
                }
                default -> v.add(new Violation(field + ".fn", "统计量应为 count、sum、avg 或 quantile（不提供 min、max 和明细）",
                        "a measure is count, sum, avg or quantile (no min, max or raw values)"));
            }
        }
        List<String[]> on = new ArrayList<>();
        if (right != null) {
            List<List<String>> pairs = r.join().on() == null ? List.of() : r.join().on();
            if (pairs.isEmpty() || pairs.size() > 3) {
                v.add(new Violation("join.on", "关联条件须有 1 到 3 对信息项", "join on 1 to 3 pairs of items"));
            }
            for (int i = 0; i < pairs.size(); i++) {
                List<String> p = pairs.get(i);
                if (p == null || p.size() != 2) {
                    v.add(new Violation("join.on[" + i + "]", "每个关联条件为一对信息项 [左, 右]", "each join pair is [left item, right item]"));
                    continue;
                }
                check(p.get(0), "join.on[" + i + "][0]", Use.KEY, left, leftPermit, null, null, rightUsed, v);
                check(JOIN + p.get(1), "join.on[" + i + "][1]", Use.KEY, left, leftPermit, right, rightPermit, new LinkedHashSet<>(), v);
                on.add(new String[] {p.get(0), p.get(1)});
            }
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "分析请求有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }

        // read only the columns the analysis uses
        Set<String> leftUsed = new LinkedHashSet<>();
        filters.forEach(f -> leftUsed.add(f.item()));
        leftUsed.addAll(groupBy);
        measures.stream().filter(m -> m.item() != null).forEach(m -> leftUsed.add(m.item()));
        if (right != null) {
            leftUsed.removeIf(i -> i.startsWith(JOIN));
        }
        on.forEach(p -> leftUsed.add(p[0]));
        String id = RecordIds.random("ana_", 8);
        Analyser.Limits limits = new Analyser.Limits(k, config.maxMillis(), config.maxGroups(), config.maxRetainedValues());
        long started = System.nanoTime();
        try {
            Analyser.Released released;
            long scanned;
            if (right == null) {
                Analyser[] a = new Analyser[1];
                collect.read(left.code(), RowQuery.only(leftUsed), new RowSink() {
                    @Override
                    public void columns(List<Column> columns) {
                        a[0] = new Analyser(columns.stream().map(Column::name).toList(), filters, groupBy, measures, limits);
                    }

                    @Override
                    public void row(String[] values) {
                        a[0].accept(values);
                    }
                });
                released = a[0].release();
                scanned = a[0].scanned();
            } else {
                Joined j = join(left, right, on, leftUsed, List.copyOf(rightUsed), filters, groupBy, measures, limits);
                released = j.released();
                scanned = j.scanned();
            }
            String digest = digest(released);
            AnalysisResult result = new AnalysisResult(id, k, scanned, released.cells(), released.suppressed(), released.notes(), digest);
            audit.record(new AuditEvent(s.id(), s.agency(), "open.analysis", left.code().value(), null, r.grant(), AuditEvent.Outcome.SUCCESS,
                    cut(id + ": " + released.cells().size() + " cell(s) released, " + released.suppressed() + " withheld, sm3 " + digest + ", "
                            + (System.nanoTime() - started) / 1_000_000 + " ms; request " + describe(r))));
            return result;
        } catch (Analyser.LimitExceeded e) {
            audit.record(new AuditEvent(s.id(), s.agency(), "open.analysis", left.code().value(), null, r.grant(), AuditEvent.Outcome.FAILURE,
                    cut(id + " stopped: " + e.getMessage() + "; request " + describe(r))));
            throw new ProblemException(ANALYSIS_LIMIT, e.getMessage());
        }
    }

    /** How an item is used: a released dimension, an aggregated measure, or a join key (never released). */
    private enum Use {
        DIMENSION, MEASURE, KEY
    }

    /**
     * Checks one item reference: it exists, the permit covers it, and its use is safe: personal or
     * sensitive items may join but never group, filter or be aggregated (Art. 13, 31); measures need
     * numbers.
     */
    private static void check(String name, String field, Use use, CatalogEntry left, Decision leftPermit, CatalogEntry right,
            Decision rightPermit, Set<String> rightUsed, List<Violation> v) {
        if (name == null || name.isBlank()) {
            v.add(new Violation(field, "须指明信息项", "name the item"));
            return;
        }
        boolean joined = name.startsWith(JOIN) && right != null;
        CatalogEntry e = joined ? right : left;
        Decision permit = joined ? rightPermit : leftPermit;
        String item = joined ? name.substring(JOIN.length()) : name;
        DataItem d = e.items().stream().filter(i -> i.name().equals(item)).findFirst().orElse(null);
        if (d == null) {
            v.add(new Violation(field, "信息资源 " + e.code().value() + " 没有信息项“" + item + "”", e.code().value() + " has no item '" + item + "'"));
            return;
        }
        if (!permit.covers(item)) {
            v.add(new Violation(field, "授权不包括信息项“" + item + "”（第二十四条）", "the grant does not cover '" + item + "' (Art. 24)"));
            return;
        }
        boolean personal = d.identifiesPerson() || d.sensitiveType() != SensitiveType.NONE;
        if (personal && use != Use.KEY) {
            v.add(new Violation(field, "“" + item + "”为个人或敏感信息，只能用于关联，不能用于分组、筛选或统计", "'" + item
                    + "' is personal or sensitive: it may join entries but not group, filter or be aggregated (Art. 13, 31)"));
            return;
        }
        if (use == Use.MEASURE && d.dataType() != DataType.INTEGER && d.dataType() != DataType.DECIMAL) {
            v.add(new Violation(field, "“" + item + "”不是数值型，不能求和、平均或求分位数", "'" + item + "' is not numeric"));
            return;
        }
        if (joined) {
            rightUsed.add(item);
        }
    }

    private Decision permit(Subject s, CatalogEntry e, String grant) {
        if (e.status() != EntryStatus.PUBLISHED || e.openType() == OpenType.NOT_OPEN) {
            throw new ProblemException(ProblemType.NOT_FOUND, "开放目录中没有 " + e.code().value() + " (" + e.code().value() + " is not in the open catalog)");
        }
        return pep.enforce(new AccessRequest(s, Action.OPEN_DATA_READ, Entries.resource(e), null, grant, Route.MODEL_RESULT));
    }

    record Joined(Analyser.Released released, long scanned) {
    }

    /**
     * An inner hash join: the joined entry's rows are held by key (only the items the analysis uses), then
     * the analysed entry's rows stream past them; each match is one record for the analyser.
     */
    private Joined join(CatalogEntry left, CatalogEntry right, List<String[]> on, Set<String> leftUsed, List<String> rightItems,
            List<AnalysisRequest.Filter> filters,
            List<String> groupBy, List<AnalysisRequest.Measure> measures, Analyser.Limits limits) {
        Map<String, List<String[]>> table = new HashMap<>();
        long[] held = {0};
        Set<String> rightRead = new LinkedHashSet<>(rightItems);
        on.forEach(p -> rightRead.add(p[1]));
        collect.read(right.code(), RowQuery.only(rightRead), new RowSink() {
            private int[] keys;
            private int[] used;

            @Override
            public void columns(List<Column> columns) {
                List<String> names = columns.stream().map(Column::name).toList();
                keys = on.stream().mapToInt(p -> names.indexOf(p[1])).toArray();
                used = rightItems.stream().mapToInt(names::indexOf).toArray();
            }

            @Override
            public void row(String[] values) {
                String key = key(values, keys);
                if (key == null) {
                    return;
                }
                if (++held[0] > config.maxJoinRows()) {
                    throw new Analyser.LimitExceeded("关联的信息资源超过 " + config.maxJoinRows() + " 行 (the joined entry has more than "
                            + config.maxJoinRows() + " rows)");
                }
                String[] kept = new String[used.length];
                for (int i = 0; i < used.length; i++) {
                    kept[i] = values[used[i]];
                }
                table.computeIfAbsent(key, x -> new ArrayList<>(1)).add(kept);
            }
        });
        Analyser[] a = new Analyser[1];
        long[] read = {0};
        collect.read(left.code(), RowQuery.only(leftUsed), new RowSink() {
            private int[] keys;
            private int width;

            @Override
            public void columns(List<Column> columns) {
                List<String> names = new ArrayList<>(columns.stream().map(Column::name).toList());
                keys = on.stream().mapToInt(p -> names.indexOf(p[0])).toArray();
                width = names.size();
                rightItems.forEach(i -> names.add(JOIN + i));
                a[0] = new Analyser(names, filters, groupBy, measures, limits);
            }

            @Override
            public void row(String[] values) {
                read[0]++;
                String key = key(values, keys);
                List<String[]> matches = key == null ? null : table.get(key);
                if (matches == null) {
                    return;
                }
                for (String[] m : matches) {
                    String[] combined = java.util.Arrays.copyOf(values, width + m.length);
                    System.arraycopy(m, 0, combined, width, m.length);
                    a[0].accept(combined);
                }
            }
        });
        return new Joined(a[0].release(), read[0]); // records of the analysed entry read, not the pairs the join formed
    }

    /** The join key of a row, or null when a key item is empty (nulls never join). */
    private static String key(String[] values, int[] keys) {
        if (keys.length == 1) {
            return values[keys[0]];
        }
        StringBuilder b = new StringBuilder();
        for (int k : keys) {
            if (values[k] == null) {
                return null;
            }
            b.append(values[k]).append('\u001F');
        }
        return b.toString();
    }


    private static String describe(AnalysisRequest r) {
        try {
            return CaseOpenApplications.JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            return String.valueOf(r);
        }
    }

    private static String digest(Analyser.Released released) {
        byte[] in;
        try {
            in = CaseOpenApplications.JSON.writeValueAsString(released.cells()).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SM3Digest d = new SM3Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        // in groups of eight hex digits: no run of digits in it looks like a personal number to the audit
        // trail's masking of free text, so the audited digest stays exactly the one answered
        String hex = HexFormat.of().formatHex(out);
        StringBuilder b = new StringBuilder(hex.length() + 8);
        for (int i = 0; i < hex.length(); i += 8) {
            b.append(i == 0 ? "" : "-").append(hex, i, i + 8);
        }
        return b.toString();
    }

    private static String cut(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
