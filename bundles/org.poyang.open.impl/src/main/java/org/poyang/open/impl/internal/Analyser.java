package org.poyang.open.impl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.poyang.open.api.AnalysisRequest;
import org.poyang.open.api.AnalysisResult;

/**
 * The engine behind algorithm model results (数据可用不可见, Art. 18): filters, groups and aggregates rows
 * streamed to it inside the platform, within limits on time, groups and retained values, and applies
 * disclosure control before anything is released:
 * <ul>
 * <li>a cell aggregating fewer than k records is withheld (threshold rule);</li>
 * <li>when exactly one cell would be withheld among several, the next smallest is withheld too, so that it
 * cannot be recovered by subtracting the released cells from a total (secondary suppression);</li>
 * <li>a sum, average or quantile is withheld from a cell when fewer than k records contribute a value to it,
 * or when one record contributes more than {@value #DOMINANCE} of the cell's total magnitude (dominance rule).</li>
 * </ul>
 * No raw row is ever part of a result: a cell carries group values, a count and measures.
 * <p>
 * Rows arrive as text arrays in the column order given at construction; the caller has already checked
 * which items may be used. Not thread-safe: one analyser per analysis.
 */
final class Analyser {

    /** Share of a cell's total magnitude one record may contribute before the cell's sums are withheld. */
    static final double DOMINANCE = 0.85;

    /** Limits of one analysis. */
    record Limits(int k, long maxMillis, int maxGroups, long maxRetainedValues) {
    }

    /** An analysis past its limits: refused, nothing released. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** A measure compiled against the columns. */
    private record CompiledMeasure(String fn, int column, double p, String label) {
    }

    /** Running aggregates of one cell. */
    private static final class Cell {
        final String[] group;
        long count;
        final long[] n;
        final double[] sum;
        final double[] abs;
        final double[] maxAbs;
        final double[][] values;
        final int[] sizes;

        Cell(String[] group, int measures) {
            this.group = group;
            n = new long[measures];
            sum = new double[measures];
            abs = new double[measures];
            maxAbs = new double[measures];
            values = new double[measures][];
            sizes = new int[measures];
        }
    }

    private final List<String> columns;
    private final List<Predicate<String[]>> filters = new ArrayList<>();
    private final int[] groupColumns;
    private final List<String> groupNames;
    private final CompiledMeasure[] measures;
    private final Limits limits;
    private final long deadline;
    private final Map<Object, Cell> cells = new HashMap<>();
    private long retained;
    private long scanned;

    Analyser(List<String> columns, List<AnalysisRequest.Filter> filters, List<String> groupBy, List<AnalysisRequest.Measure> measures,
            Limits limits) {
        this.columns = List.copyOf(columns);
        this.limits = limits;
        for (AnalysisRequest.Filter f : filters) {
            this.filters.add(compile(f));
        }
        groupColumns = groupBy.stream().mapToInt(this::column).toArray();
        groupNames = List.copyOf(groupBy);
        this.measures = new CompiledMeasure[measures.size()];
        for (int i = 0; i < measures.size(); i++) {
            AnalysisRequest.Measure m = measures.get(i);
            String fn = m.fn().toLowerCase(java.util.Locale.ROOT);
            int col = fn.equals("count") ? -1 : column(m.item());
            double p = fn.equals("quantile") ? m.p() : 0;
            String label = switch (fn) {
                case "count" -> "count";
                case "quantile" -> "quantile(" + m.item() + "," + p + ")";
                default -> fn + "(" + m.item() + ")";
            };
            this.measures[i] = new CompiledMeasure(fn, col, p, label);
        }
        deadline = System.nanoTime() + limits.maxMillis() * 1_000_000L;
    }

    private int column(String item) {
        int i = columns.indexOf(item);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + item);
        }
        return i;
    }

    private Predicate<String[]> compile(AnalysisRequest.Filter f) {
        int c = column(f.item());
        String op = f.op().toLowerCase(java.util.Locale.ROOT);
        if (op.equals("in")) {
            java.util.Set<String> set = java.util.Set.copyOf(f.values());
            return row -> row[c] != null && set.contains(row[c]);
        }
        String v = f.values().get(0);
        Double num = number(v);
        return switch (op) {
            case "eq" -> row -> v.equals(row[c]);
            case "ne" -> row -> row[c] != null && !v.equals(row[c]);
            case "lt" -> row -> row[c] != null && compare(row[c], v, num) < 0;
            case "le" -> row -> row[c] != null && compare(row[c], v, num) <= 0;
            case "gt" -> row -> row[c] != null && compare(row[c], v, num) > 0;
            case "ge" -> row -> row[c] != null && compare(row[c], v, num) >= 0;
            default -> throw new IllegalArgumentException("unknown operator " + op);
        };
    }

    /** Compares a (non-null) cell to the filter value: as numbers when both are numbers, else as text. */
    private static int compare(String cell, String value, Double num) {
        if (num != null) {
            Double c = number(cell);
            if (c != null) {
                return Double.compare(c, num);
            }
        }
        return cell.compareTo(value);
    }

    static Double number(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Takes one row; throws {@link LimitExceeded} past a limit. */
    void accept(String[] row) {
        if ((++scanned & 8191) == 0 && System.nanoTime() > deadline) {
            throw new LimitExceeded("分析超过时间上限 " + limits.maxMillis() + " 毫秒 (the analysis ran past its time limit of "
                    + limits.maxMillis() + " ms)");
        }
        for (Predicate<String[]> f : filters) {
            if (!f.test(row)) {
                return;
            }
        }
        Object key;
        String[] group;
        if (groupColumns.length == 0) {
            key = "";
            group = new String[0];
        } else if (groupColumns.length == 1) {
            key = row[groupColumns[0]] == null ? NULL_KEY : row[groupColumns[0]];
            group = null;
        } else {
            group = new String[groupColumns.length];
            for (int i = 0; i < group.length; i++) {
                group[i] = row[groupColumns[i]];
            }
            key = Arrays.asList(group);
        }
        Cell cell = cells.get(key);
        if (cell == null) {
            if (cells.size() >= limits.maxGroups()) {
                throw new LimitExceeded("分组数超过上限 " + limits.maxGroups() + " (more than " + limits.maxGroups() + " groups)");
            }
            cell = new Cell(group != null ? group : new String[] {row[groupColumns[0]]}, measures.length);
            cells.put(key, cell);
        }
        cell.count++;
        for (int i = 0; i < measures.length; i++) {
            CompiledMeasure m = measures[i];
            if (m.column() < 0) {
                continue;
            }
            Double v = number(row[m.column()]);
            if (v == null) {
                continue;
            }
            double d = v;
            cell.n[i]++;
            cell.sum[i] += d;
            double a = Math.abs(d);
            cell.abs[i] += a;
            if (a > cell.maxAbs[i]) {
                cell.maxAbs[i] = a;
            }
            if (m.fn().equals("quantile")) {
                if (++retained > limits.maxRetainedValues()) {
                    throw new LimitExceeded("分位数需保留的数值超过上限 " + limits.maxRetainedValues() + " (quantiles would keep more than "
                            + limits.maxRetainedValues() + " values)");
                }
                double[] vals = cell.values[i];
                if (vals == null) {
                    vals = cell.values[i] = new double[16];
                } else if (cell.sizes[i] == vals.length) {
                    vals = cell.values[i] = Arrays.copyOf(vals, vals.length * 2);
                }
                vals[cell.sizes[i]++] = d;
            }
        }
    }

    private static final Object NULL_KEY = new Object();

    long scanned() {
        return scanned;
    }

    /** Applies disclosure control and returns what may be released. */
    Released release() {
        int k = limits.k();
        List<Cell> all = new ArrayList<>(cells.values());
        all.sort(Comparator.comparingLong((Cell c) -> c.count));
        List<Cell> kept = new ArrayList<>();
        int withheld = 0;
        for (Cell c : all) {
            if (c.count < k) {
                withheld++;
            } else {
                kept.add(c);
            }
        }
        List<String> notes = new ArrayList<>();
        if (withheld > 0) {
            notes.add(withheld + " 个单元格少于 " + k + " 条记录，未予发布 (" + withheld + " cell(s) under " + k + " records withheld)");
        }
        if (withheld == 1 && !kept.isEmpty() && groupColumns.length > 0) {
            kept.remove(0); // the smallest released cell goes too: no total can reveal the withheld one
            withheld++;
            notes.add("为防止通过差值推算，另有 1 个最小单元格未予发布 (1 more cell withheld so that the first cannot be derived from a total)");
        }
        int dominated = 0;
        List<AnalysisResult.Cell> out = new ArrayList<>();
        for (Cell c : kept) {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupNames.size(); i++) {
                group.put(groupNames.get(i), c.group[i]);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < measures.length; i++) {
                CompiledMeasure m = measures[i];
                if (m.fn().equals("count")) {
                    values.put(m.label(), (double) c.count);
                    continue;
                }
                if (c.n[i] < k || (c.abs[i] > 0 && c.maxAbs[i] > DOMINANCE * c.abs[i])) {
                    values.put(m.label(), null);
                    dominated++;
                    continue;
                }
                values.put(m.label(), switch (m.fn()) {
                    case "sum" -> c.sum[i];
                    case "avg" -> c.sum[i] / c.n[i];
                    default -> quantile(c.values[i], c.sizes[i], m.p());
                });
            }
            out.add(new AnalysisResult.Cell(group, c.count, values));
        }
        if (dominated > 0) {
            notes.add(dominated + " 个统计值因参与记录少于 " + k + " 条或由单条记录主导而未予发布 (" + dominated + " value(s) withheld: fewer than " + k
                    + " contributing records, or one record dominating)");
        }
        out.sort(Comparator.comparing((AnalysisResult.Cell c) -> String.valueOf(c.group().values())));
        return new Released(out, withheld, notes);
    }

    /** Linear interpolation between the closest ranks (the method most statistics packages default to). */
    static double quantile(double[] values, int size, double p) {
        double[] v = Arrays.copyOf(values, size);
        Arrays.sort(v);
        double pos = p * (size - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, size - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** What passes disclosure control. */
    record Released(List<AnalysisResult.Cell> cells, int suppressed, List<String> notes) {
    }
}
