package org.poyang.security.impl.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238): HMAC-SHA1, 30-second steps, 6 digits, the form every
 * authenticator app reads; a code is accepted one step early or late, and never twice.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new 160-bit secret, Base32. */
    static String newSecret() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte x : b) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    static byte[] decode(String base32) {
        ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

    /** The code for time step {@code step}. */
    static String code(String secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(secret), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[h.length - 1] & 0xf;
            int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /**
     * The step at which {@code code} is valid around {@code nowMillis} (one step either way) and later
     * than {@code lastStep}, or -1.
     */
    static long accept(String secret, String code, long nowMillis, long lastStep) {
        if (code == null || !code.matches("\\d{6}")) {
            return -1;
        }
        long now = Math.floorDiv(nowMillis / 1000, STEP_SECONDS);
        for (long s = now - 1; s <= now + 1; s++) {
            if (s > lastStep && java.security.MessageDigest.isEqual(code(secret, s).getBytes(), code.getBytes())) {
                return s;
            }
        }
        return -1;
    }
}
