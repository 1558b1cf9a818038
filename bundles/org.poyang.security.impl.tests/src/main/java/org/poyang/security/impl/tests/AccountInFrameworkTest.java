package org.poyang.security.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SignIn;
import org.poyang.security.api.SubjectType;

/** Accounts as the platform runs them: Argon2id from the BouncyCastle bundle, sign-ins on the audit trail. */
class AccountInFrameworkTest {

    @InjectService(timeout = 60_000)
    AccountService accounts;

    @InjectService(timeout = 60_000)
    AuditTrail audit;

    @Test
    void anAccountSignsInAndEveryAttemptIsAudited() {
        String login = "officer." + Long.toString(System.nanoTime(), 36);
        accounts.create(new NewAccount(login, "数据专员", SubjectType.AGENCY_STAFF, "91110000600037341L", Set.of(Role.DATA_OFFICER),
                "Poyang-2026-secret"), "secadmin");
        assertThat(accounts.signIn(login, "Poyang-2026-secret", null).ok()).isTrue();
        assertThat(accounts.signIn(login, "Wrong-2026-secret", null).refusal()).isEqualTo(SignIn.Refusal.BAD_CREDENTIALS);
        assertThat(audit.search(login, null, null, null, null, 0, 10)).extracting(r -> r.event().action() + " " + r.event().outcome())
                .containsExactly("account.signin SUCCESS", "account.signin DENY");
    }
}
