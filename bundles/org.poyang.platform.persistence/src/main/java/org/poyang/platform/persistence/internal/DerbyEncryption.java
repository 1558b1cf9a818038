package org.poyang.platform.persistence.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * Encryption of the embedded Derby database (数据库加密, Art. 31): AES with 256-bit keys, never
 * Derby's DES default. The boot password is random, kept in a key file beside the database (owner
 * read/write only) and never in the configuration; a database that exists unencrypted is encrypted
 * in place at its next boot; a database encrypted with anything but AES is refused.
 */
final class DerbyEncryption {

    /** What the operator asks for. */
    enum Mode {
        /** No database encryption (sensitive columns are still encrypted by the modules). */
        NONE,
        /** AES/CBC with a 256-bit key. */
        AES
    }

    static final String ALGORITHM = "AES/CBC/NoPadding";

    private DerbyEncryption() {
    }

    static Mode mode(String configured) {
        String m = configured == null ? "" : configured.strip().toUpperCase(Locale.ROOT);
        return switch (m) {
            case "", "NONE" -> Mode.NONE;
            case "AES" -> Mode.AES;
            default -> throw new IllegalStateException("encryption must be NONE or AES (Derby's DES is not accepted): " + configured);
        };
    }

    /**
     * The connection attributes that boot the database at {@code db}: nothing for an unencrypted
     * database that stays so; the boot password for an encrypted one; and, when AES is asked for and
     * the database is new or unencrypted, the attributes that create or encrypt it.
     */
    static String attributes(Path db, Mode mode, Path keyFile) throws IOException {
        Path service = db.resolve("service.properties");
        Properties p = new Properties();
        if (Files.isRegularFile(service)) {
            try (Reader r = Files.newBufferedReader(service, StandardCharsets.ISO_8859_1)) {
                p.load(r);
            }
        }
        if ("true".equalsIgnoreCase(p.getProperty("dataEncryption"))) {
            String algorithm = p.getProperty("encryptionAlgorithm", "DES/CBC/NoPadding");
            if (!algorithm.toUpperCase(Locale.ROOT).startsWith("AES/")) {
                throw new IllegalStateException("the database at " + db + " is encrypted with " + algorithm + "; only AES is accepted");
            }
            if (!Files.isRegularFile(keyFile)) {
                throw new IllegalStateException("the database at " + db + " is encrypted and its key file " + keyFile + " is missing");
            }
            return "bootPassword=" + Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        }
        if (mode == Mode.NONE) {
            return "";
        }
        return "dataEncryption=true;encryptionAlgorithm=" + ALGORITHM + ";encryptionKeyLength=256;bootPassword=" + createKey(keyFile);
    }

    /** Reads the boot password, or creates a random one in a file only its owner can read. */
    private static String createKey(Path keyFile) throws IOException {
        if (Files.isRegularFile(keyFile)) {
            return Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String key = HexFormat.of().formatHex(raw);
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // protect the data directory instead
        }
        Files.writeString(tmp, key + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }
}
