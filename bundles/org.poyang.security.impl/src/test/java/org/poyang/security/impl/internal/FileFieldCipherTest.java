package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest (Art. 31): SM4-GCM by default, AES-GCM selectable, tamper detection, rotation. */
class FileFieldCipherTest {

    @TempDir
    Path dir;

    @Test
    void sm4GcmRoundTripsWithARandomNonceAndTheKeyOutsideTheDatabase() throws Exception {
        FileFieldCipher c = new FileFieldCipher(dir.resolve("keys.properties"), "SM4");
        String a = c.encrypt("公民身份号码 36010219900307123X");
        String b = c.encrypt("公民身份号码 36010219900307123X");
        assertThat(a).startsWith("sm4gcm:" + c.activeKey() + ":").isNotEqualTo(b).doesNotContain("36010219900307123X");
        assertThat(c.decrypt(a)).isEqualTo("公民身份号码 36010219900307123X");
        assertThat(c.decrypt(null)).isNull();
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys.properties"))).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(new FileFieldCipher(dir.resolve("keys.properties"), "SM4").decrypt(a)).as("after a restart").isEqualTo(
                "公民身份号码 36010219900307123X");
    }

    @Test
    void anAlteredValueOrAnotherKeysLabelIsRefused() {
        FileFieldCipher c = new FileFieldCipher(dir.resolve("keys.properties"), "SM4");
        String v = c.encrypt("秘密");
        String[] p = v.split(":", 3);
        byte[] body = Base64.getDecoder().decode(p[2]);
        body[body.length - 1] ^= 1;
        assertThatThrownBy(() -> c.decrypt(p[0] + ":" + p[1] + ":" + Base64.getEncoder().encodeToString(body)))
                .isInstanceOf(IllegalArgumentException.class);
        String other = c.rotate();
        assertThatThrownBy(() -> c.decrypt(p[0] + ":" + other + ":" + p[2])).as("relabelled").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.decrypt("plain text")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rotationKeepsOldValuesReadableAndAesIsSelectable() {
        FileFieldCipher c = new FileFieldCipher(dir.resolve("keys.properties"), "SM4");
        String old = c.encrypt("旧值");
        String first = c.activeKey();
        String second = c.rotate();
        assertThat(second).isNotEqualTo(first);
        assertThat(c.encrypt("新值")).contains(":" + second + ":");
        assertThat(c.decrypt(old)).isEqualTo("旧值");
        FileFieldCipher aes = new FileFieldCipher(dir.resolve("keys.properties"), "AES");
        assertThat(aes.activeKey()).startsWith("aes-");
        assertThat(aes.encrypt("值")).startsWith("aesgcm:");
        assertThat(aes.decrypt(old)).as("SM4 values stay readable after switching to AES").isEqualTo("旧值");
        assertThatThrownBy(() -> new FileFieldCipher(dir.resolve("k2"), "DES")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Art. 31: ciphers are reused across values (their key schedule built once per key), yet every
     * value still gets its own nonce and tag: values encrypted and decrypted by many threads at once,
     * under two keys, each round-trip; an altered value fails without spoiling the next one.
     */
    @Test
    void reusedCiphersRoundTripEveryValueUnderConcurrencyAndAfterARefusal() throws Exception {
        FileFieldCipher c = new FileFieldCipher(dir.resolve("keys.properties"), "SM4");
        String early = c.encrypt("早先的值");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (int i = 0; i < 2_000; i++) {
                        String plain = "居民" + thread + "-" + i + " 1380013" + String.format("%04d", i);
                        String sealed = c.encrypt(plain);
                        assertThat(seen.add(sealed)).as("a fresh nonce for every value").isTrue();
                        assertThat(c.decrypt(sealed)).isEqualTo(plain);
                        assertThat(c.decrypt(early)).isEqualTo("早先的值");
                    }
                    return seen.size();
                }));
                if (t == 3) {
                    c.rotate(); // half the threads start under the next key
                }
            }
            for (java.util.concurrent.Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
        String v = c.encrypt("秘密");
        String[] p = v.split(":", 3);
        byte[] body = Base64.getDecoder().decode(p[2]);
        body[12] ^= 1;
        assertThatThrownBy(() -> c.decrypt(p[0] + ":" + p[1] + ":" + Base64.getEncoder().encodeToString(body)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(c.decrypt(v)).isEqualTo("秘密");
        assertThat(new FileFieldCipher(dir.resolve("keys.properties"), "SM4").decrypt(early)).as("after a restart").isEqualTo("早先的值");
    }
}
