package org.poyang.collect.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.ResourceCode;

/**
 * The resource store (资源库) behind the catalog: typed storage per published entry following its
 * data items, fed by deliveries (归集, Art. 10) that are cleaned and checked (Art. 13), with the
 * history of every record and a freshness clock per entry (Art. 13, 41).
 * <p>
 * Access is decided by the caller through the policy enforcement point before it calls here; this
 * service enforces the data rules: a refused delivery is an {@code org.poyang.platform.rest.ProblemException}
 * and stores nothing.
 */
@ProviderType
public interface CollectService {

    /**
     * Applies one batch: all of its rows in one transaction, or none of them when any row is
     * rejected, unless the entry's settings allow partial acceptance, in which case the valid rows
     * are applied and the rest reported. Re-sending a batch id already applied to the entry with the
     * same rows returns the first report ({@link BatchReport#replayed()}) and changes nothing; the same
     * id with different rows is a conflict.
     */
    BatchReport deliver(Delivery delivery);

    /** The report of one batch of an entry. */
    Optional<BatchReport> batch(ResourceCode entry, String batchId);

    /** Batches of an entry, newest first. */
    List<BatchReport> batches(ResourceCode entry, int offset, int limit);

    /** The rows a batch rejected, with their reasons, in row order. */
    List<RowRejection> rejections(ResourceCode entry, String batchId, int offset, int limit);

    /** The entry's current columns, in the catalog's item order. */
    List<Column> columns(ResourceCode entry);

    /**
     * Streams the entry's current rows matching {@code query} to {@code sink}, with values decrypted
     * and formatted as text; memory stays flat whatever the number of rows. A page (an offset or a
     * limit) comes in a stable order (of the record keys' hashes); a full read in storage order.
     *
     * @return the number of rows written
     */
    long read(ResourceCode entry, RowQuery query, RowSink sink);

    /** Number of current rows matching {@code query}, ignoring its offset and limit. */
    long count(ResourceCode entry, RowQuery query);

    /** Every stored state of one record, oldest first, including its deletion; empty when never stored. */
    List<RecordState> history(ResourceCode entry, String key);

    /**
     * Whether the entry holds a current record with this key (key values separated by {@code |}, as for
     * {@link #history}).
     */
    boolean exists(ResourceCode entry, String key);

    /**
     * Takes the current record with this key out of every read, page, count, export and analysis at once,
     * without changing it (下架, a takedown pending an objection about personal information, Art. 19).
     * Several holds may keep one record down (two objections to it); the record comes back when the last
     * is released. Audited; placing a hold twice changes nothing.
     *
     * @param hold who holds the record down, e.g. an objection's id
     * @throws java.util.NoSuchElementException when there is no current record with this key
     */
    void hide(ResourceCode entry, String key, String hold, String reason, String actor);

    /** Releases one hold; the record is back in reads when no other hold remains. Audited; an unknown hold changes nothing. */
    void unhide(ResourceCode entry, String key, String hold, String reason, String actor);

    /** The entry's aggregation settings (defaults until configured). */
    CollectSettings settings(ResourceCode entry);

    /** Replaces the entry's aggregation settings; refused when a key item is not an item of the entry. */
    CollectSettings configure(ResourceCode entry, CollectSettings settings, String actor);

    /** How fresh one entry is at {@code now} (Art. 13, 41). */
    Freshness freshness(ResourceCode entry, Instant now);

    /**
     * Freshness of every published entry, of one provider when {@code provider} is not null, stale
     * ones first.
     */
    List<Freshness> freshness(CreditCode provider, Instant now);
}
