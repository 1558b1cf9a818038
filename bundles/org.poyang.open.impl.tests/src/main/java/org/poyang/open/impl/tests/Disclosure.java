package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analysis requests ({@code POST /api/open/analyses}) and what the contract in docs/open.md says they
 * must release, computed here from the generated rows: counts, sums, averages and quantiles (linear
 * interpolation) per cell; cells under k withheld; when exactly one cell would be withheld among several,
 * the next smallest too; a sum, average or quantile withheld from a cell with fewer than k contributing
 * values or one value above 85% of the cell's total magnitude.
 */
final class Disclosure {

    private Disclosure() {
    }

    /** One measure as asked for. */
    record Measure(String fn, String item, Double p) {
    }

    /** An analysis request under construction. */
    static final class Request {
        final ObjectNode body = Http.JSON.createObjectNode();
        final List<String> groupBy = new ArrayList<>();
        final List<Measure> measures = new ArrayList<>();

        Request(String resource) {
            body.put("resource", resource);
            body.putArray("filters");
            body.putArray("groupBy");
            body.putArray("measures");
        }

        Request grant(String grant) {
            body.put("grant", grant);
            return this;
        }

        Request groupBy(String... items) {
            for (String i : items) {
                ((ArrayNode) body.get("groupBy")).add(i);
                groupBy.add(i);
            }
            return this;
        }

        Request count() {
            ((ArrayNode) body.get("measures")).addObject().put("fn", "count");
            measures.add(new Measure("count", null, null));
            return this;
        }

        Request measure(String fn, String item) {
            ((ArrayNode) body.get("measures")).addObject().put("fn", fn).put("item", item);
            measures.add(new Measure(fn, item, null));
            return this;
        }

        Request quantile(String item, double p) {
            ((ArrayNode) body.get("measures")).addObject().put("fn", "quantile").put("item", item).put("p", p);
            measures.add(new Measure("quantile", item, p));
            return this;
        }

        Request filter(String item, String op, String... values) {
            ObjectNode f = ((ArrayNode) body.get("filters")).addObject();
            f.put("item", item);
            f.put("op", op);
            ArrayNode v = f.putArray("values");
            for (String x : values) {
                v.add(x);
            }
            return this;
        }

        Request k(int k) {
            body.put("k", k);
            return this;
        }

        /** An inner join with {@code resource} on one pair of items. */
        Request join(String resource, String grant, String left, String right) {
            ObjectNode j = body.putObject("join");
            j.put("resource", resource);
            if (grant == null) {
                j.putNull("grant");
            } else {
                j.put("grant", grant);
            }
            j.putArray("on").addArray().add(left).add(right);
            return this;
        }

        String json() {
            return body.toString();
        }

        @Override
        public String toString() {
            return json();
        }
    }

    /** One expected cell: group values in group-by order, count, and each measure (null when withheld) in request order. */
    record Cell(List<String> group, long count, List<Double> values) {
    }

    /**
     * What must be released: {@code kept} the cells of at least k records (with their measures);
     * {@code secondary} the cells of which exactly one must also be withheld (the smallest kept, when
     * exactly one cell was withheld among several; empty otherwise); {@code suppressed} the cells withheld
     * in all.
     */
    record Expected(int k, Map<List<String>, Cell> kept, Set<List<String>> secondary, int suppressed, int cells) {
    }

    /** Computes the release of {@code request}'s groups and measures over {@code rows} (already filtered) at {@code k}. */
    static Expected expect(List<Map<String, String>> rows, Request request, int k) {
        Map<List<String>, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            List<String> g = new ArrayList<>();
            for (String item : request.groupBy) {
                g.add(r.get(item));
            }
            groups.computeIfAbsent(g, x -> new ArrayList<>()).add(r);
        }
        Map<List<String>, Cell> kept = new LinkedHashMap<>();
        int withheld = 0;
        for (Map.Entry<List<String>, List<Map<String, String>>> g : groups.entrySet()) {
            List<Map<String, String>> members = g.getValue();
            if (members.size() < k) {
                withheld++;
                continue;
            }
            List<Double> values = new ArrayList<>();
            for (Measure m : request.measures) {
                values.add(value(m, members, k));
            }
            kept.put(g.getKey(), new Cell(g.getKey(), members.size(), values));
        }
        Set<List<String>> secondary = new HashSet<>();
        int suppressed = withheld;
        if (withheld == 1 && !kept.isEmpty()) {
            long least = kept.values().stream().mapToLong(Cell::count).min().orElseThrow();
            kept.values().stream().filter(c -> c.count() == least).forEach(c -> secondary.add(c.group()));
            suppressed++;
        }
        return new Expected(k, kept, secondary, suppressed, groups.size());
    }

    private static Double value(Measure m, List<Map<String, String>> members, int k) {
        if (m.fn().equals("count")) {
            return (double) members.size();
        }
        List<Long> v = new ArrayList<>();
        for (Map<String, String> r : members) {
            String x = r.get(m.item());
            if (x != null && !x.isEmpty()) {
                v.add(Long.parseLong(x));
            }
        }
        long sum = v.stream().mapToLong(Long::longValue).sum();
        long magnitude = v.stream().mapToLong(Math::abs).sum();
        long largest = v.stream().mapToLong(Math::abs).max().orElse(0);
        if (v.size() < k || magnitude > 0 && largest > 0.85 * magnitude) {
            return null;
        }
        return switch (m.fn()) {
            case "sum" -> (double) sum;
            case "avg" -> (double) sum / v.size();
            case "quantile" -> {
                double[] sorted = v.stream().mapToDouble(Long::doubleValue).sorted().toArray();
                double pos = m.p() * (sorted.length - 1);
                int lo = (int) Math.floor(pos);
                int hi = Math.min(lo + 1, sorted.length - 1);
                yield sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
            }
            default -> throw new IllegalArgumentException(m.fn());
        };
    }

    /** The released cells of an answer, by group values in group-by order. */
    static Map<List<String>, JsonNode> cells(JsonNode result, List<String> groupBy) {
        Map<List<String>, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode c : result.path("cells")) {
            List<String> g = new ArrayList<>();
            for (String item : groupBy) {
                JsonNode v = c.path("group").path(item);
                g.add(v.isMissingNode() || v.isNull() ? null : v.asText());
            }
            assertThat(out.put(g, c)).as("cell %s released twice in %s", g, result).isNull();
        }
        return out;
    }

    /** A measure's value in a released cell: a number, or null when withheld. */
    static Double measure(JsonNode cell, Measure m) {
        JsonNode values = cell.path("measures");
        String label = switch (m.fn()) {
            case "count" -> "count";
            case "quantile" -> {
                String found = null;
                for (var it = values.fieldNames(); it.hasNext();) {
                    String name = it.next();
                    if (name.startsWith("quantile(" + m.item() + ",")) {
                        found = name;
                    }
                }
                assertThat(found).as("quantile of %s in %s", m.item(), cell).isNotNull();
                yield found;
            }
            default -> m.fn() + "(" + m.item() + ")";
        };
        assertThat(values.has(label)).as("measure %s in %s", label, cell).isTrue();
        JsonNode v = values.get(label);
        return v.isNull() ? null : v.asDouble();
    }

    /** Asserts that {@code result} releases exactly what {@code expected} says. */
    static void assertReleased(JsonNode result, Request request, Expected expected, String what) {
        String as = what + ": " + request + " -> " + result;
        assertThat(result.path("k").asInt()).as(as).isEqualTo(expected.k());
        Map<List<String>, JsonNode> released = cells(result, request.groupBy);
        released.forEach((g, c) -> assertThat(c.path("count").asLong()).as("count of released cell %s; %s", g, as).isGreaterThanOrEqualTo(expected.k()));
        assertThat(result.path("suppressed").asInt()).as("suppressed; " + as).isEqualTo(expected.suppressed());
        assertThat(expected.kept().keySet()).as("released cells are cells of at least k; " + as).containsAll(released.keySet());
        Set<List<String>> missing = new HashSet<>(expected.kept().keySet());
        missing.removeAll(released.keySet());
        if (expected.secondary().isEmpty()) {
            assertThat(missing).as("cells of at least k records withheld; " + as).isEmpty();
        } else {
            assertThat(missing).as("exactly one of the smallest cells %s withheld besides the one under k; %s", expected.secondary(), as).hasSize(1);
            assertThat(expected.secondary()).as(as).containsAll(missing);
        }
        for (Map.Entry<List<String>, JsonNode> e : released.entrySet()) {
            Cell want = expected.kept().get(e.getKey());
            assertThat(e.getValue().path("count").asLong()).as("count of %s; %s", e.getKey(), as).isEqualTo(want.count());
            for (int i = 0; i < request.measures.size(); i++) {
                Measure m = request.measures.get(i);
                Double got = measure(e.getValue(), m);
                Double exp = want.values().get(i);
                if (exp == null) {
                    assertThat(got).as("%s of %s is withheld; %s", m, e.getKey(), as).isNull();
                } else {
                    assertThat(got).as("%s of %s; %s", m, e.getKey(), as).isNotNull();
                    assertThat(got).as("%s of %s; %s", m, e.getKey(), as).isCloseTo(exp, within(Math.max(1e-9, Math.abs(exp) * 1e-12)));
                }
            }
        }
    }

    static List<String> list(String... values) {
        return Arrays.asList(values);
    }
}
