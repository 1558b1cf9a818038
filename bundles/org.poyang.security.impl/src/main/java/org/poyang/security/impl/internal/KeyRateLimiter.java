package org.poyang.security.impl.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Calls per second of each application key (限流, Art. 18): a token bucket per key that refills at
 * {@code rate} tokens a second up to {@code burst}. A call that finds the bucket empty is refused with
 * the seconds until the next token, so a client can wait exactly that long. Kept in memory: a rate limit
 * protects this instance from bursts; the daily quota, counted in the database, is the durable limit.
 */
final class KeyRateLimiter {

    /** The outcome of one call: permitted, or refused with the seconds to wait. */
    record Outcome(boolean permitted, long retryAfterSeconds, boolean firstRefusalThisMinute) {
    }

    private static final class Bucket {
        double tokens;
        long refilledNanos;
        long lastRefusalReportNanos = Long.MIN_VALUE;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledNanos = now;
        }
    }

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile double rate;
    private volatile double burst;

    KeyRateLimiter(double rate, double burst) {
        configure(rate, burst);
    }

    void configure(double ratePerSecond, double burstCalls) {
        this.rate = Math.max(0.01, ratePerSecond);
        this.burst = Math.max(1, burstCalls);
    }

    /** Takes one token of {@code key}'s bucket at {@code nowNanos} (System.nanoTime scale). */
    Outcome take(String key, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            double elapsed = (nowNanos - b.refilledNanos) / 1e9;
            b.tokens = Math.min(burst, b.tokens + elapsed * rate);
            b.refilledNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return new Outcome(true, 0, false);
            }
            long wait = (long) Math.ceil((1 - b.tokens) / rate);
            boolean report = b.lastRefusalReportNanos == Long.MIN_VALUE || nowNanos - b.lastRefusalReportNanos >= 60_000_000_000L;
            if (report) {
                b.lastRefusalReportNanos = nowNanos;
            }
            return new Outcome(false, Math.max(1, wait), report);
        }
    }
}
