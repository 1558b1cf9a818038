package org.poyang.share.impl.tests;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SubjectType;

/**
 * Accounts for the sharing tests (copied from the open data tests), made through the security module's own services and signed in
 * the way a person signs in (copied from the catalog tests and extended with the public side:
 * citizens, companies, supervisors). Logins carry the run token, since the test database outlives a
 * run; a login may not hold 11 or more digits in a row (Art. 35), so digits of agency codes become
 * letters.
 */
final class Identities {

    static final String PASSWORD = "Share-Test-2026!";

    private final AccountService accounts;
    private final Authenticator authenticator;
    private final String run;
    /** One session per login and run. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Identities(AccountService accounts, Authenticator authenticator, String run) {
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.run = run.toLowerCase(Locale.ROOT);
    }

    /** A bearer token of a catalog reviewer (目录审核员) of the management department at {@code bureau}. */
    String reviewer(String bureau) {
        return token("reviewer-" + run, "目录审核员" + run, SubjectType.MANAGEMENT_STAFF, bureau, Role.CATALOG_REVIEWER);
    }

    /** A bearer token of a data officer (数据专员) of {@code agency}. */
    String officer(String agency) {
        return token(officerLogin(agency), "数据专员" + run, SubjectType.AGENCY_STAFF, agency, Role.DATA_OFFICER);
    }

    /** The login of {@code agency}'s data officer in this run. */
    String officerLogin(String agency) {
        return "officer-" + run + "-" + letters(agency);
    }

    /** A bearer token of a staff member of {@code agency} without the data officer role. */
    String clerk(String agency) {
        return token(clerkLogin(agency), "工作人员" + run, SubjectType.AGENCY_STAFF, agency, null);
    }

    String clerkLogin(String agency) {
        return "clerk-" + run + "-" + letters(agency);
    }

    /** A bearer token of a supervisor (监督员) of the cyberspace administration. */
    String supervisor() {
        return token(supervisorLogin(), "监督员" + run, SubjectType.CAC_SUPERVISOR, null, Role.SUPERVISOR);
    }

    String supervisorLogin() {
        return "supervisor-" + run;
    }

    /** A bearer token of a citizen (自然人) applicant; {@code tag} (letters) tells citizens of one run apart. */
    String citizen(String tag) {
        return token(citizenLogin(tag), "市民" + tag + run, SubjectType.NATURAL_PERSON, null, Role.APPLICANT);
    }

    String citizenLogin(String tag) {
        return "citizen-" + run + "-" + tag;
    }

    /** A bearer token of a company's (法人) account. */
    String company(String tag) {
        return token(companyLogin(tag), "企业" + tag + run, SubjectType.LEGAL_PERSON, null, Role.APPLICANT);
    }

    String companyLogin(String tag) {
        return "company-" + run + "-" + tag;
    }

    String run() {
        return run;
    }

    /**
     * A fresh, valid unified social credit code (GB 32100) of an institution in {@code region}, with
     * a valid organisation code (GB 11714) inside it.
     */
    static String creditCode(Random random, String region) {
        return creditCode(random, "11", region);
    }

    /** As above, with registration authority and kind {@code kind} (e.g. {@code 91} for a company). */
    static String creditCode(Random random, String kind, String region) {
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
        String first17 = kind + region + org;
        int s = 0;
        for (int i = 0; i < 17; i++) {
            s += charset.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17 + charset.charAt((31 - s % 31) % 31);
    }

    /** The same code with a wrong check character. */
    static String withWrongCheck(String code) {
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        char last = code.charAt(17);
        char wrong = charset.charAt((charset.indexOf(last) + 1) % charset.length());
        return code.substring(0, 17) + wrong;
    }

    private static String letters(String agency) {
        StringBuilder b = new StringBuilder();
        for (char c : agency.substring(8, 17).toCharArray()) {
            b.append(Character.isDigit(c) ? (char) ('a' + (c - '0')) : Character.toLowerCase(c));
        }
        return b.toString();
    }

    private String token(String login, String name, SubjectType type, String agency, Role role) {
        return tokens.computeIfAbsent(login, l -> {
            if (accounts.findByLogin(l).isEmpty()) {
                accounts.create(new NewAccount(l, name, type, agency, role == null ? Set.of() : Set.of(role), PASSWORD), "open-tests");
            }
            return authenticator.signIn(l, PASSWORD, null).token();
        });
    }
}
