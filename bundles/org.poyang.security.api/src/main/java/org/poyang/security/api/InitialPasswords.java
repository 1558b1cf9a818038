package org.poyang.security.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Passwords the platform makes for accounts it creates itself (the first administrators, demo
 * people), and the owner-only file they are handed over in.
 */
public final class InitialPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] KINDS = {"abcdefghijkmnopqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "-_.!@#%"};

    private InitialPasswords() {
    }

    /** 20 characters with all four kinds (lower, upper, digit, other), so that it meets the password policy. */
    public static String random() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String k = KINDS[i < KINDS.length ? i : RANDOM.nextInt(KINDS.length)];
            b.append(k.charAt(RANDOM.nextInt(k.length())));
        }
        return b.toString();
    }

    /**
     * Writes {@code login=password} lines, after a comment line, to {@code file}, readable by its
     * owner only (on POSIX file systems), replacing it atomically.
     */
    public static void writeOwnerOnly(Path file, Map<String, String> passwords, String comment) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // protect the data directory instead
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# " + comment + "\n");
            for (Map.Entry<String, String> e : passwords.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
