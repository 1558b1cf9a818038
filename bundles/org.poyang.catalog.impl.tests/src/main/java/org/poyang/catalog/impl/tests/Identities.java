package org.poyang.catalog.impl.tests;

import java.util.Set;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SubjectType;

/**
 * Accounts for the catalog tests, made through the security module's own services and signed in
 * the way a person signs in: a catalog reviewer of the management department and data officers of
 * the agencies a test registers. Logins carry the run token, since the test database outlives a run.
 */
final class Identities {

    static final String PASSWORD = "Catalog-Test-2026!";

    private final AccountService accounts;
    private final Authenticator authenticator;
    private final String run;

    Identities(AccountService accounts, Authenticator authenticator, String run) {
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.run = run.toLowerCase(java.util.Locale.ROOT);
    }

    /** A bearer token of a catalog reviewer (目录审核员) of the management department at {@code bureau}. */
    String reviewer(String bureau) {
        return token("reviewer-" + run, "目录审核员", SubjectType.MANAGEMENT_STAFF, bureau, Role.CATALOG_REVIEWER);
    }

    /** A bearer token of a data officer (数据专员) of {@code agency}. */
    String officer(String agency) {
        return token(officerLogin(agency), "数据专员", SubjectType.AGENCY_STAFF, agency, Role.DATA_OFFICER);
    }

    /**
     * The login of {@code agency}'s data officer in this run. Digits of the agency code become
     * letters: a login may not hold 11 or more digits (Art. 35).
     */
    String officerLogin(String agency) {
        StringBuilder b = new StringBuilder("officer-" + run + "-");
        for (char c : agency.substring(10, 17).toCharArray()) {
            b.append(Character.isDigit(c) ? (char) ('a' + (c - '0')) : Character.toLowerCase(c));
        }
        return b.toString();
    }

    /** A bearer token of an agency staff member without the data officer role. */
    String clerk(String agency) {
        return token("clerk-" + run, "工作人员", SubjectType.AGENCY_STAFF, agency, null);
    }

    /** A bearer token of a citizen (自然人). */
    String citizen() {
        return token("citizen-" + run, "市民", SubjectType.NATURAL_PERSON, null, Role.APPLICANT);
    }

    /**
     * A fresh, valid unified social credit code (GB 32100) of an institution in {@code region}, with
     * a valid organisation code (GB 11714) inside it.
     */
    static String creditCode(java.util.Random random, String region) {
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        StringBuilder org = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            org.append((char) ('0' + random.nextInt(10)));
        }
        int[] w = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (org.charAt(i) - '0') * w[i];
        }
        int c = 11 - sum % 11;
        org.append(c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c));
        String first17 = "11" + region + org;
        int s = 0;
        for (int i = 0; i < 17; i++) {
            s += charset.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17 + charset.charAt((31 - s % 31) % 31);
    }

    String login(String prefix) {
        return prefix + "-" + run;
    }

    private String token(String login, String name, SubjectType type, String agency, Role role) {
        if (accounts.findByLogin(login).isEmpty()) {
            accounts.create(new NewAccount(login, name, type, agency, role == null ? Set.of() : Set.of(role), PASSWORD), "catalog-tests");
        }
        return authenticator.signIn(login, PASSWORD, null).token();
    }
}
