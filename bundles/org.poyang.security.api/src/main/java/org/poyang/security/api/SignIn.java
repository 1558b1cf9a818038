package org.poyang.security.api;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of a sign-in attempt. A refusal never says whether the login exists.
 *
 * @param account     the account, when signed in
 * @param refusal     why not, when refused
 * @param lockedUntil until when the account is locked after repeated failures, or null
 */
public record SignIn(Optional<Account> account, Refusal refusal, Instant lockedUntil) {

    /** Why a sign-in was refused. */
    public enum Refusal {
        /** Wrong login or password (not distinguished). */
        BAD_CREDENTIALS,
        /** A second factor is required and was missing or wrong. */
        SECOND_FACTOR,
        /** Too many failures: locked for a while. */
        LOCKED,
        /** Suspended or terminated (Art. 39). */
        NOT_ACTIVE
    }

    public boolean ok() {
        return account.isPresent();
    }
}
