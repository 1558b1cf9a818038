package org.poyang.security.api;

import java.util.Set;

/**
 * An account as a security administrator (or a public sign-up) requests it.
 *
 * @param login       login name: 3-64 characters of a-z, 0-9, '.', '_', '-'
 * @param displayName name shown to others
 * @param type        whose account it is
 * @param agency      credit code of the staff member's agency (agency and management staff), else null
 * @param roles       roles to hold
 * @param password    the initial password (at least 10 characters of 3 kinds: lower, upper, digit, other)
 */
public record NewAccount(String login, String displayName, SubjectType type, String agency, Set<Role> roles, String password) {

    @Override
    public String toString() {
        return "NewAccount[" + login + ", " + type + ", " + roles + "]"; // never the password
    }
}
