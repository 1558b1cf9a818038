package org.poyang.security.api;

import java.time.Instant;
import java.util.Set;

/**
 * An application's key for the open APIs (应用密钥, Art. 18): the key itself is shown once, at
 * issue, and stored only as a hash.
 *
 * @param id           public id, the part of the key before the dot ({@code pyk_<id>.<secret>})
 * @param application  the application's name
 * @param owner        login of the account that owns the application
 * @param scopes       what the key may call, e.g. {@code open.read}, {@code open.download}
 * @param dailyQuota   calls allowed per day (enforced where calls are counted), at least 1
 * @param status       whether it may be used
 * @param createdAt    when it was issued
 * @param expiresAt    when it stops working, or null for no expiry
 */
public record ApiKey(String id, String application, String owner, Set<String> scopes, int dailyQuota, Status status,
        Instant createdAt, Instant expiresAt) {

    /** Whether a key may be used. */
    public enum Status {
        ACTIVE,
        /** 已吊销: revoked by its owner or a security administrator. */
        REVOKED,
        /** 已暂停 (Art. 39): suspended by a supervisor; may be restored. */
        SUSPENDED
    }

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }
}
