package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.security.api.InitialPasswords;

/** Passwords the platform makes for its own accounts meet the policy, and are handed over owner-only. */
class InitialPasswordsTest {

    @TempDir
    Path dir;

    @Test
    void everyGeneratedPasswordMeetsThePolicyAndNoneRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String p = InitialPasswords.random();
            assertThat(Passwords.problems(p, "sysadmin")).as(p).isEmpty();
            assertThat(seen.add(p)).as("repeated " + p).isTrue();
        }
    }

    @Test
    void theFileIsReadableByItsOwnerOnlyAndReplacedWhole() throws Exception {
        Path file = dir.resolve("security/initial-accounts.properties");
        Map<String, String> first = new LinkedHashMap<>();
        first.put("sysadmin", "A-1b2c3d4e5f6g7h8i9");
        InitialPasswords.writeOwnerOnly(file, first, "first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        InitialPasswords.writeOwnerOnly(file, Map.of("secadmin", "B-2c3d4e5f6g7h8i9j0"), "second");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("# second\nsecadmin=B-2c3d4e5f6g7h8i9j0\n");
        assertThat(dir.resolve("security/initial-accounts.properties.tmp")).doesNotExist();
    }
}
