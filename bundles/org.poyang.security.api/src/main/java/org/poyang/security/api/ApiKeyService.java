package org.poyang.security.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * API keys of applications calling the open APIs: issued to an account, scoped, with a daily quota
 * and an optional expiry, stored hashed, revocable and suspendable (Art. 39). Every change and every
 * refused key is on the audit trail.
 */
@ProviderType
public interface ApiKeyService {

    /** A newly issued key: its record and the full key, which is never shown again. */
    record Issued(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "Issued[" + key.id() + "]"; // never the secret
        }
    }

    /** Issues a key to the application of account {@code owner}. */
    Issued issue(String owner, String application, Set<String> scopes, int dailyQuota, Instant expiresAt, String actor);

    /** The key's record when {@code presented} is a valid, active, unexpired key; empty otherwise. */
    Optional<ApiKey> verify(String presented);

    /** Revokes a key for good. */
    ApiKey revoke(String id, String reason, String actor);

    /** Suspends or restores a key (Art. 39). */
    ApiKey setSuspended(String id, boolean suspended, String reason, String actor);

    /** Keys of one owner, newest first. */
    List<ApiKey> list(String owner);
}
