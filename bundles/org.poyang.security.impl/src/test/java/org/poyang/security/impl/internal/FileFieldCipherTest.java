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
}
