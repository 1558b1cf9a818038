package org.poyang.security.impl.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.security.api.FieldCipher;

/**
 * {@link FieldCipher} with BouncyCastle's SM4 (or AES) in GCM mode: a random 96-bit nonce per value,
 * a 128-bit tag, and the key id as associated data, so a value moved to another key's label fails
 * to decrypt. Output: {@code sm4gcm:<keyId>:<base64(nonce || ciphertext || tag)>}. Keys are 128-bit
 * (SM4) or 256-bit (AES), kept in {@code <data>/security/field-keys.properties}, owner-only, outside
 * the database, so a copy of the database alone reveals nothing.
 */
@Component(service = FieldCipher.class, configurationPid = FileFieldCipher.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FileFieldCipher.Config.class)
public final class FileFieldCipher implements FieldCipher {

    static final String PID = "org.poyang.security.encryption";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Configuration of column encryption. */
    @ObjectClassDefinition(name = "Poyang column encryption", description = "字段加密 (encryption at rest, Art. 31)")
    public @interface Config {
        @AttributeDefinition(description = "SM4 (GB/T 32907, default) or AES")
        String algorithm() default "SM4";

        @AttributeDefinition(description = "Key file; relative paths lie under poyang.data.dir")
        String keyFile() default "security/field-keys.properties";
    }

    private final Path file;
    private volatile String algorithm;
    private final Properties keys = new Properties();
    /** Ciphers made ready per key id: see {@link Ready}. */
    private final java.util.concurrent.ConcurrentHashMap<String, Ready> ready = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int READY_PER_KEY = 64;

    private static String algorithmOf(String configured) {
        String a = configured.strip().toUpperCase(java.util.Locale.ROOT);
        if (!a.equals("SM4") && !a.equals("AES")) {
            throw new IllegalArgumentException("algorithm must be SM4 or AES: " + configured);
        }
        return a;
    }

    /**
     * Switches to a new algorithm at once: a fresh key of that algorithm becomes active, and values
     * written under earlier keys still decrypt (each key id names its algorithm). A different key
     * file is read at the next start.
     */
    @Modified
    synchronized void modified(Config config, BundleContext context) {
        algorithm = algorithmOf(config.algorithm());
        if (keys.getProperty("active") == null || !keys.getProperty("active").startsWith(prefix())) {
            rotate();
        }
        Path wanted = JdbcAuditTrail.keyPath(config.keyFile(), context.getProperty("poyang.data.dir"));
        if (!wanted.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            org.slf4j.LoggerFactory.getLogger(FileFieldCipher.class)
                    .warn("Column keys will be read from {} at the next start; {} is used until then", wanted, file);
        }
    }

    @Activate
    public FileFieldCipher(Config config, BundleContext context) {
        this(JdbcAuditTrail.keyPath(config.keyFile(), context.getProperty("poyang.data.dir")), config.algorithm());
    }

    FileFieldCipher(Path file, String algorithm) {
        this.file = file;
        this.algorithm = algorithmOf(algorithm);
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    keys.load(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
        if (keys.getProperty("active") == null || !keys.getProperty("active").startsWith(prefix())) {
            rotate();
        }
    }

    private String prefix() {
        return algorithm.toLowerCase(java.util.Locale.ROOT) + "-";
    }

    @Override
    public synchronized String rotate() {
        byte[] k = new byte[algorithm.equals("SM4") ? 16 : 32];
        RANDOM.nextBytes(k);
        String id = prefix() + Long.toString(System.currentTimeMillis(), 36) + Integer.toString(RANDOM.nextInt(1296), 36);
        keys.setProperty("key." + id, Hex.toHexString(k));
        keys.setProperty("active", id);
        save();
        return id;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                keys.store(w, "Poyang column encryption keys: keep secret, back up with the data directory");
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // protect the data directory instead
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + file, e);
        }
    }

    @Override
    public synchronized String activeKey() {
        return keys.getProperty("active");
    }

    @Override
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        String id = activeKey();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] out = crypt(true, id, nonce, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] all = new byte[12 + out.length];
        System.arraycopy(nonce, 0, all, 0, 12);
        System.arraycopy(out, 0, all, 12, out.length);
        return mode(id) + ":" + id + ":" + Base64.getEncoder().encodeToString(all);
    }

    @Override
    public String decrypt(String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        String[] p = ciphertext.split(":", 3);
        if (p.length != 3 || !p[0].equals(mode(p[1]))) {
            throw new IllegalArgumentException("not a value this cipher wrote");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(p[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("altered value", e);
        }
        if (all.length < 12 + 16) {
            throw new IllegalArgumentException("altered value");
        }
        byte[] nonce = java.util.Arrays.copyOf(all, 12);
        byte[] body = java.util.Arrays.copyOfRange(all, 12, all.length);
        return new String(crypt(false, p[1], nonce, body), StandardCharsets.UTF_8);
    }

    private static String mode(String keyId) {
        return keyId.startsWith("aes-") ? "aesgcm" : "sm4gcm";
    }

    private byte[] crypt(boolean encrypt, String keyId, byte[] nonce, byte[] in) {
        byte[] aad = keyId.getBytes(StandardCharsets.US_ASCII);
        Ready ready = this.ready.get(keyId);
        GCMModeCipher gcm = ready == null ? null : ready.take();
        if (gcm != null) {
            gcm.init(encrypt, new AEADParameters(null, 128, nonce, aad)); // the key schedule and tables it has
        } else {
            String hex;
            synchronized (this) {
                hex = keys.getProperty("key." + keyId);
            }
            if (hex == null) {
                throw new IllegalArgumentException("unknown key " + keyId);
            }
            BlockCipher engine = keyId.startsWith("aes-") ? AESEngine.newInstance() : new SM4Engine();
            gcm = GCMBlockCipher.newInstance(engine);
            gcm.init(encrypt, new AEADParameters(new KeyParameter(Hex.decode(hex)), 128, nonce, aad));
        }
        byte[] out = new byte[gcm.getOutputSize(in.length)];
        int n = gcm.processBytes(in, 0, in.length, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("altered value: the authentication tag does not match", e);
        }
        // only a cipher that finished cleanly goes back
        this.ready.computeIfAbsent(keyId, k -> new Ready()).give(gcm);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * GCM ciphers of one key, idle, with its key schedule and GHASH tables built. Building them costs
     * several times what decrypting a short value with them does, and an export or a page of rows
     * decrypts every personal value in it. A key's bytes never change under
     * its id, so a ready cipher stays right for that id; each serves one value at a time, and at most
     * {@value #READY_PER_KEY} wait per key. They belong to this component and go with it.
     */
    private static final class Ready {
        private final java.util.concurrent.ConcurrentLinkedQueue<GCMModeCipher> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        GCMModeCipher take() {
            GCMModeCipher c = idle.poll();
            if (c != null) {
                count.decrementAndGet();
            }
            return c;
        }

        void give(GCMModeCipher c) {
            if (count.incrementAndGet() <= READY_PER_KEY) {
                idle.offer(c);
            } else {
                count.decrementAndGet();
            }
        }
    }
}
