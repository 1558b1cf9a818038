package org.poyang.collect.impl.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Freshness;
import org.poyang.collect.api.RowRejection;
import org.poyang.platform.rest.ProblemException;

/**
 * Gogo shell commands for operators (Art. 13, 41): {@code collect:batches <code>},
 * {@code collect:rejects <code> <batch>} and {@code collect:stale [provider]}. The shell is on
 * loopback for the platform's operators; what it shows is what the REST monitoring calls show.
 */
@Component(service = CollectCommands.class, property = {
    "osgi.command.scope=collect",
    "osgi.command.function=batches",
    "osgi.command.function=rejects",
    "osgi.command.function=stale"
})
public class CollectCommands {

    private final CollectService collect;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public CollectCommands(@Reference CollectService collect) {
        this.collect = collect;
    }

    /**
     * The latest batches of an entry, newest first.
     *
     * @param code the entry's resource code, e.g. {@code 301010/000001}
     * @return one line per batch
     */
    public String batches(String code) {
        try {
            List<BatchReport> all = collect.batches(ResourceCode.parse(code), 0, 50);
            if (all.isEmpty()) {
                return "信息资源 " + code + " 尚无批次 (no batches yet)";
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s %-19s %7s %7s %7s %7s  %s%n",
                    "batch", "status", "rows", "applied", "same", "reject", "received (UTC) / by"));
            for (BatchReport b : all) {
                sb.append(String.format(Locale.ROOT, "%-24s %-19s %7d %7d %7d %7d  %s / %s%n", b.batchId(), b.status(), b.rows(),
                        b.applied(), b.unchanged(), b.rejected(), b.receivedAt(), b.actor()));
            }
            return sb.toString();
        } catch (InvalidIdentifierException | ProblemException e) {
            return "错误 (error): " + e.getMessage();
        }
    }

    /**
     * The rejected rows of a batch with their reasons.
     *
     * @param code  the entry's resource code
     * @param batch the batch id
     * @return one line per rejection
     */
    public String rejects(String code, String batch) {
        try {
            List<RowRejection> all = collect.rejections(ResourceCode.parse(code), batch, 0, 1000);
            if (all.isEmpty()) {
                return "批次 " + batch + " 没有被拒绝的行 (no rejected rows)";
            }
            StringBuilder sb = new StringBuilder();
            for (RowRejection r : all) {
                sb.append("row ").append(r.row()).append(r.item() == null ? "" : " [" + r.item() + "]").append(": ")
                        .append(r.reasonZh()).append(" (").append(r.reasonEn()).append(")\n");
            }
            return sb.toString();
        } catch (InvalidIdentifierException | ProblemException e) {
            return "错误 (error): " + e.getMessage();
        }
    }

    /**
     * Published entries past their update frequency (Art. 13, 41), every provider's.
     *
     * @return one line per stale entry
     */
    public String stale() {
        return stale(null);
    }

    /**
     * Published entries of one provider past their update frequency.
     *
     * @param provider the provider's unified social credit code, or null for all
     * @return one line per stale entry
     */
    public String stale(String provider) {
        try {
            List<Freshness> late = collect.freshness(provider == null ? null : CreditCode.parse(provider), clock.instant())
                    .stream().filter(Freshness::stale).toList();
            if (late.isEmpty()) {
                return "没有逾期未更新的信息资源 (no stale entries)";
            }
            StringBuilder sb = new StringBuilder();
            for (Freshness f : late) {
                sb.append(String.format(Locale.ROOT, "%-14s %-8s due %s, last delivery %s, %d rows  %s (%s)%n", f.entry().value(),
                        f.frequency(), f.dueBy(), f.lastDelivery() == null ? "never" : f.lastDelivery(), f.rows(), f.name(),
                        f.provider().value()));
            }
            return sb.toString();
        } catch (InvalidIdentifierException | ProblemException e) {
            return "错误 (error): " + e.getMessage();
        }
    }
}
