package org.poyang.security.api;

import java.time.Instant;
import java.util.Set;

/**
 * An account (账户) of a person, organisation or staff member.
 *
 * @param id          stable id
 * @param login       login name, unique, lower case
 * @param displayName name shown to others
 * @param type        whose account it is
 * @param agency      credit code of the agency a staff member belongs to, or null
 * @param roles       what it may do
 * @param status      whether it may sign in
 * @param totp        whether sign-in needs a second factor (TOTP)
 * @param createdAt   when it was created
 */
public record Account(long id, String login, String displayName, SubjectType type, String agency, Set<Role> roles,
        Status status, boolean totp, Instant createdAt) {

    /** Whether an account may act. */
    public enum Status {
        /** 正常. */
        ACTIVE,
        /** 暂停 (Art. 39): denied until restored. */
        SUSPENDED,
        /** 终止 (Art. 39): denied for good. */
        TERMINATED
    }

    public Account {
        roles = Set.copyOf(roles);
    }
}
