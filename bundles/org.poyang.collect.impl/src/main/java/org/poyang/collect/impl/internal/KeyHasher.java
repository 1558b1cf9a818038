package org.poyang.collect.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Record keys become row ids through a keyed hash (HMAC-SHA256), so that no identity number or
 * other key value is stored in clear in an index (Art. 31). The secret is created once per
 * instance and kept sealed by the field cipher (see {@code COL_SECRET}).
 */
final class KeyHasher {

    /** Separates the values of a composite key; never part of a cleaned value. */
    static final char SEPARATOR = '\u001F';

    private final SecretKeySpec key;
    /** One initialised MAC per thread: looking one up and keying it costs more than hashing a key. */
    private final ThreadLocal<Mac> macs;

    KeyHasher(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] newSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    static String encode(byte[] secret) {
        return Base64.getEncoder().encodeToString(secret);
    }

    static byte[] decode(String text) {
        return Base64.getDecoder().decode(text);
    }

    /** 64 hex digits. */
    String hash(CharSequence text) {
        // doFinal resets the MAC for its next use
        return HexFormat.of().formatHex(macs.get().doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
