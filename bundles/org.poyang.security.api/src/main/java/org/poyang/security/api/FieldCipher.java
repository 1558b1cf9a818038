package org.poyang.security.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Encryption of sensitive and important values at rest (加密存储, Art. 31): SM4-GCM (GB/T 32907) by
 * default, AES-GCM when configured, under named keys that can be rotated; values encrypted under an
 * older key stay readable. The output names its algorithm and key, so it decrypts after a rotation
 * or an algorithm change.
 */
@ProviderType
public interface FieldCipher {

    /** {@code plaintext} encrypted under the active key, as text safe for a VARCHAR column; null stays null. */
    String encrypt(String plaintext);

    /**
     * The plaintext of a value {@link #encrypt} produced; null stays null.
     *
     * @throws IllegalArgumentException when the value was altered or its key is unknown
     */
    String decrypt(String ciphertext);

    /** Creates a new key and makes it the active one; returns its id. */
    String rotate();

    /** Id of the key new values are encrypted under. */
    String activeKey();
}
