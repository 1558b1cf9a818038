package org.poyang.security.impl.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.encoders.Hex;

/**
 * Signs audit checkpoints with SM2 (GB/T 32918) and verifies them. The private key stays in a file
 * outside the database ({@code <data>/security/audit-sm2.key}, owner-only), created at first use; the
 * public key is stored with the checkpoints and can be pinned by an auditor for offline checks.
 */
final class AuditSigner {

    static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ECPrivateKeyParameters privateKey;
    private final ECPublicKeyParameters publicKey;
    private final String keyId;

    private AuditSigner(ECPrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new ECPublicKeyParameters(DOMAIN.getG().multiply(privateKey.getD()).normalize(), DOMAIN);
        this.keyId = keyId(publicKeyHex());
    }

    /** The signer whose key is in {@code file}, creating the key (and the file) when there is none. */
    static AuditSigner load(Path file) {
        try {
            if (Files.exists(file)) {
                String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
                return new AuditSigner(new ECPrivateKeyParameters(new BigInteger(hex, 16), DOMAIN));
            }
            ECKeyPairGenerator g = new ECKeyPairGenerator();
            g.init(new ECKeyGenerationParameters(DOMAIN, RANDOM));
            AsymmetricCipherKeyPair pair = g.generateKeyPair();
            ECPrivateKeyParameters key = (ECPrivateKeyParameters) pair.getPrivate();
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, key.getD().toString(16), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: protect the data directory instead
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new AuditSigner(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key " + file, e);
        }
    }

    String keyId() {
        return keyId;
    }

    /** The public key as the uncompressed point in hex. */
    String publicKeyHex() {
        return Hex.toHexString(publicKey.getQ().getEncoded(false));
    }

    /** The key id of a public key: the first 16 hex digits of its SM3 hash. */
    static String keyId(String publicKeyHex) {
        return AuditChain.sm3(Hex.decode(publicKeyHex)).substring(0, 16);
    }

    /** The signed statement of a checkpoint: the trail up to {@code index} ends in {@code hash}. */
    static byte[] statement(long index, String hash) {
        return ("poyang-audit-checkpoint\n" + index + "\n" + hash).getBytes(StandardCharsets.US_ASCII);
    }

    /** SM2 signature (DER, hex) of a checkpoint. */
    String sign(long index, String hash) {
        SM2Signer s = new SM2Signer();
        s.init(true, new ParametersWithRandom(privateKey, RANDOM));
        byte[] m = statement(index, hash);
        s.update(m, 0, m.length);
        try {
            return Hex.toHexString(s.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** Whether {@code signatureHex} is a valid signature of the checkpoint by the holder of {@code publicKeyHex}. */
    static boolean verify(String publicKeyHex, long index, String hash, String signatureHex) {
        try {
            ECPublicKeyParameters pub = new ECPublicKeyParameters(CURVE.getCurve().decodePoint(Hex.decode(publicKeyHex)), DOMAIN);
            SM2Signer s = new SM2Signer();
            s.init(false, pub);
            byte[] m = statement(index, hash);
            s.update(m, 0, m.length);
            return s.verifySignature(Hex.decode(signatureHex));
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
