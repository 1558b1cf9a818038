package org.poyang.share.impl.internal;

import java.util.Arrays;
import java.util.List;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowMarker;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowSink;
import org.poyang.platform.casework.Entries;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Decision;
import org.poyang.security.api.ItemClass;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;

/**
 * A read of shared data for the SOAP service: the policy enforcement point's permit (purpose, grant, route,
 * items; Art. 23, 24), masking for the reader and route, the grant's items only, and the recipient's
 * fingerprint, in that order, as the aggregation API's share route does.
 */
final class SharedRows {

    /** What a delivery sees: the delivered columns, then each delivered row. */
    interface Sink {
        void columns(List<Column> columns);

        void row(String[] values);
    }

    private SharedRows() {
    }

    /** Asks the policy enforcement point; throws when the read is refused (and audited either way). */
    static Decision permit(PolicyEnforcementPoint pep, Subject s, CatalogEntry e, String purpose, String grant, Route route) {
        return pep.enforce(new AccessRequest(s, Action.SHARE_DATA_READ, Entries.resource(e), purpose, blankToNull(grant), route));
    }

    /** Reads {@code q} as permitted; returns the rows delivered. A grant's read fetches (and decrypts) the granted items only. */
    static long read(CollectService collect, MaskingPolicy masking, RowMarker marker, Subject s, CatalogEntry e, Decision d, Route route,
            String purpose, String grant, RowQuery q, Sink out) {
        RowMarker.Marking[] marking = new RowMarker.Marking[1];
        long[] n = new long[1];
        collect.read(e.code(), q.permittedBy(e, d), new RowSink() {
            private int[] kept;
            private MaskingPolicy.MaskPlan plan;

            @Override
            public void columns(List<Column> columns) {
                kept = java.util.stream.IntStream.range(0, columns.size()).filter(i -> d.covers(columns.get(i).name())).toArray();
                plan = masking.plan(columns.stream().map(Column::item).map(i -> new ItemClass(i.name(), i.sensitiveType().name(),
                        i.grade().toString(), d.items() != null && d.items().contains(i.name()))).toList(), s, route);
                List<Column> delivered = Arrays.stream(kept).mapToObj(columns::get).toList();
                marking[0] = marker.start(e.code().value(), s, route, blankToNull(grant), purpose, delivered);
                out.columns(delivered);
            }

            @Override
            public void row(String[] values) {
                String[] masked = plan.apply(values);
                String[] v = new String[kept.length];
                for (int i = 0; i < kept.length; i++) {
                    v[i] = masked[kept[i]];
                }
                if (marking[0] != null) {
                    v = marking[0].mark(v);
                }
                n[0]++;
                out.row(v);
            }
        });
        if (marking[0] != null) {
            marking[0].finished(n[0]);
        }
        return n[0];
    }

    static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
