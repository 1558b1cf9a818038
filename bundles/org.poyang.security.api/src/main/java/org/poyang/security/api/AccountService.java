package org.poyang.security.api;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Accounts, passwords, second factors and lockout (身份管理). Passwords are stored as Argon2id
 * hashes; staff accounts may require TOTP; repeated failures lock an account for a while. Every
 * change and every sign-in is on the audit trail. Refusals are
 * {@code org.poyang.platform.rest.ProblemException}s listing every broken rule.
 */
@ProviderType
public interface AccountService {

    /** Creates an account; separation of duties: no two of {@link Role#SEPARATED}. */
    Account create(NewAccount account, String actor);

    /** Replaces an account's roles, with the same rules. */
    Account setRoles(long id, Set<Role> roles, String actor);

    /**
     * Signs in with a password and, for accounts with TOTP, the current code. Art. 12 para 2: a
     * person verified once is not asked for more: no flow here asks for biometrics.
     */
    SignIn signIn(String login, String password, String totpCode);

    /**
     * Turns on TOTP for an account and returns its secret as an {@code otpauth://} URI for an
     * authenticator app; sign-in needs a code from then on.
     */
    String enableTotp(long id, String actor);

    /**
     * Changes one's own password: the current password is checked like a sign-in (a wrong one
     * counts towards lockout), the new one must meet the password policy and differ from the current.
     */
    Account changePassword(String login, String currentPassword, String newPassword);

    /** Sets a new password for an account (a security administrator, e.g. for a forgotten one), with the same policy. */
    Account resetPassword(long id, String newPassword, String actor);

    /** Suspends, restores or terminates an account (Art. 39); a terminated account stays terminated. */
    Account setStatus(long id, Account.Status status, String reason, String actor);

    Optional<Account> find(long id);

    Optional<Account> findByLogin(String login);
}
