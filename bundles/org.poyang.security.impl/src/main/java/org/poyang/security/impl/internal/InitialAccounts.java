package org.poyang.security.impl.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.InitialPasswords;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SubjectType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first three accounts of a new instance: a system administrator, a security administrator
 * and an audit administrator (三员分立, Art. 35), each with a random password written once to
 * {@code <data>/security/initial-accounts.properties} (readable by the owner only). Nothing is
 * created when any of the three logins exists, so an instance never resets its administrators.
 */
@Component(immediate = true)
public final class InitialAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(InitialAccounts.class);
    static final String FILE = "security/initial-accounts.properties";
    /** The three separated administrators: login, Chinese name, role. */
    static final Map<String, Role> ADMINS = new LinkedHashMap<>();

    static {
        ADMINS.put("sysadmin", Role.SYSTEM_ADMIN);
        ADMINS.put("secadmin", Role.SECURITY_ADMIN);
        ADMINS.put("auditadmin", Role.AUDIT_ADMIN);
    }

    @Activate
    public InitialAccounts(@Reference AccountService accounts, BundleContext context) throws IOException {
        if (ADMINS.keySet().stream().anyMatch(l -> accounts.findByLogin(l).isPresent())) {
            return;
        }
        String dataDir = context.getProperty("poyang.data.dir");
        Path file = Path.of(dataDir == null ? "data" : dataDir).resolve(FILE);
        Map<String, String> passwords = new LinkedHashMap<>();
        for (Map.Entry<String, Role> admin : ADMINS.entrySet()) {
            String password = InitialPasswords.random();
            accounts.create(new NewAccount(admin.getKey(), admin.getValue().labelZh(), SubjectType.OPERATOR, null,
                    Set.of(admin.getValue()), password), "system");
            passwords.put(admin.getKey(), password);
        }
        InitialPasswords.writeOwnerOnly(file, passwords, "Poyang initial administrators (三员): sign in, change these passwords (POST /api/auth/password), then delete this file");
        LOG.warn("Created the initial administrators {}; their passwords are in {} (readable by its owner only)", ADMINS.keySet(), file);
    }
}
