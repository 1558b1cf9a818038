package org.poyang.collect.impl.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.poyang.security.api.FieldCipher;

/**
 * A reversible stand-in for the field cipher that never contains its plaintext: {@code t1:} and the
 * Base64 of the UTF-8 bytes reversed and XORed with 0x5A. Not encryption, but enough to tell whether
 * a value went through the cipher and whether any plaintext reached a table.
 */
final class TestCipher implements FieldCipher {

    static final String PREFIX = "t1:";

    final AtomicInteger encryptions = new AtomicInteger();

    @Override
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        encryptions.incrementAndGet();
        return PREFIX + Base64.getEncoder().encodeToString(scramble(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String decrypt(String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        if (!ciphertext.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a value of this cipher: " + ciphertext);
        }
        return new String(scramble(Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()))), StandardCharsets.UTF_8);
    }

    /** Reverses and XORs; its own inverse. */
    private static byte[] scramble(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[in.length - 1 - i] = (byte) (in[i] ^ 0x5A);
        }
        return out;
    }

    @Override
    public String rotate() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String activeKey() {
        return "t1";
    }
}
