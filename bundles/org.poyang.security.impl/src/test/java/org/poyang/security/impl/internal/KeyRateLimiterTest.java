package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token bucket behind the per-key rate limit (Art. 18). */
class KeyRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsServedThenCallsFollowTheRateAndEachKeyHasItsOwnBucket() {
        KeyRateLimiter limiter = new KeyRateLimiter(10, 5);
        long t = 1_000 * SECOND;
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.take("a", t).permitted()).as("burst call %d", i).isTrue();
        }
        KeyRateLimiter.Outcome refused = limiter.take("a", t);
        assertThat(refused.permitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.firstRefusalThisMinute()).isTrue();
        assertThat(limiter.take("a", t).firstRefusalThisMinute()).as("reported once a minute").isFalse();
        assertThat(limiter.take("b", t).permitted()).as("another key").isTrue();
        // a tenth of a second later one token is back, and only one
        assertThat(limiter.take("a", t + SECOND / 10).permitted()).isTrue();
        assertThat(limiter.take("a", t + SECOND / 10).permitted()).isFalse();
        // after a long pause the bucket holds the burst, not more
        long later = t + 3600 * SECOND;
        int served = 0;
        while (limiter.take("a", later).permitted()) {
            served++;
        }
        assertThat(served).isEqualTo(5);
        assertThat(limiter.take("a", later + 61 * SECOND).permitted()).as("a minute later tokens are back").isTrue();
    }

    @Test
    void aSlowRateAsksForTheWholeWait() {
        KeyRateLimiter limiter = new KeyRateLimiter(0.1, 1); // one call every ten seconds
        assertThat(limiter.take("k", 0).permitted()).isTrue();
        assertThat(limiter.take("k", 0).retryAfterSeconds()).isEqualTo(10);
        assertThat(limiter.take("k", 4 * SECOND).retryAfterSeconds()).isEqualTo(6);
    }
}
