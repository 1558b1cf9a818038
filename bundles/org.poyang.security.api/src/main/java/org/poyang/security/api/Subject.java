package org.poyang.security.api;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling (主体): a signed-in account, an application presenting its API key, or nobody.
 * The authenticator builds it once per request; the policy enforcement point decides with it.
 *
 * @param kind   account, application or anonymous
 * @param id     the account's login, {@code app:<key id>} for an application, {@code anonymous}
 * @param type   whose account it is (for an application, its owner's), or null when anonymous
 * @param agency credit code of the agency a staff member belongs to, or null
 * @param roles  the account's roles (for an application, none: it acts within its scopes)
 * @param scopes an application key's scopes; empty for accounts
 * @param active false when the account, the key or the key's owner is suspended or terminated
 *               (Art. 39): such a subject is identified but denied everything
 */
public record Subject(Kind kind, String id, SubjectType type, String agency, Set<Role> roles, Set<String> scopes, boolean active)
        implements Principal {

    /** The three kinds of caller. */
    public enum Kind {
        ANONYMOUS, ACCOUNT, APPLICATION
    }

    /**
     * Property of a CXF message under which the WS-Security interceptor leaves the subject it
     * verified, for SOAP services to read through their {@code WebServiceContext}.
     */
    public static final String MESSAGE_PROPERTY = "org.poyang.security.subject";

    /** A caller that presented no credentials. */
    public static final Subject ANONYMOUS = new Subject(Kind.ANONYMOUS, "anonymous", null, null, Set.of(), Set.of(), true);

    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** The subject behind a JAX-RS or servlet principal; anonymous when it is not one of ours. */
    public static Subject of(Principal principal) {
        return principal instanceof Subject s ? s : ANONYMOUS;
    }

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the subject is a staff member of the public data management department. */
    public boolean managementStaff() {
        return type == SubjectType.MANAGEMENT_STAFF;
    }

    @Override
    public String getName() {
        return id;
    }
}
