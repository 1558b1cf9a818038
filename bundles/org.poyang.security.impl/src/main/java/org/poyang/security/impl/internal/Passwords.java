package org.poyang.security.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (RFC 9106), the memory-hard hash OWASP recommends, from
 * BouncyCastle, stored in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}) so
 * that the parameters can be raised later without breaking stored hashes; and the password policy.
 */
final class Passwords {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    static final int MEMORY_KB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int MIN_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = argon2(password, salt, MEMORY_KB, ITERATIONS, 1);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KB + ",t=" + ITERATIONS + ",p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** Whether {@code password} matches {@code stored}; constant-time comparison. */
    static boolean verify(String password, String stored) {
        try {
            String[] parts = stored.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id")) {
                return false;
            }
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] x = kv.split("=");
                switch (x[0]) {
                    case "m" -> m = Integer.parseInt(x[1]);
                    case "t" -> t = Integer.parseInt(x[1]);
                    case "p" -> p = Integer.parseInt(x[1]);
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = Base64.getDecoder().decode(parts[4]);
            byte[] expected = Base64.getDecoder().decode(parts[5]);
            return MessageDigest.isEqual(expected, argon2(password, salt, m, t, p));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKb, int iterations, int lanes) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKb).withIterations(iterations).withParallelism(lanes).build());
        byte[] out = new byte[32];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** What is wrong with a new password (Chinese, English), or an empty list. */
    static List<String[]> problems(String password, String login) {
        List<String[]> out = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            out.add(new String[] {"密码至少 " + MIN_LENGTH + " 个字符", "a password has at least " + MIN_LENGTH + " characters"});
            return out;
        }
        if (password.length() > 128) {
            out.add(new String[] {"密码不得超过 128 个字符", "a password has at most 128 characters"});
        }
        int kinds = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0) + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 3) {
            out.add(new String[] {"密码须包含小写字母、大写字母、数字、其他字符中的至少三类", "use at least three of: lower case, upper case, digits, other"});
        }
        if (login != null && password.toLowerCase(java.util.Locale.ROOT).contains(login.toLowerCase(java.util.Locale.ROOT))) {
            out.add(new String[] {"密码不得包含登录名", "the password must not contain the login name"});
        }
        return out;
    }
}
