package org.poyang.security.impl.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.poyang.security.api.AuditEvent;

/**
 * The hash chain of the audit trail: each record's hash is SM3 (GB/T 32905) over the previous
 * record's hash and a canonical encoding of the record (index, time, every field length-prefixed),
 * so that editing, deleting, inserting or reordering any record changes every later hash.
 */
final class AuditChain {

    /** The "previous hash" of the first record. */
    static final String GENESIS = "0".repeat(64);
    private static final byte[] VERSION = "poyang-audit-v1".getBytes(StandardCharsets.US_ASCII);

    private AuditChain() {
    }

    /** The hash of record {@code index}, written at {@code atMillis}, following {@code prevHash}. */
    static String hash(String prevHash, long index, long atMillis, AuditEvent e) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        b.writeBytes(VERSION);
        b.writeBytes(Hex.decode(prevHash));
        number(b, index);
        number(b, atMillis);
        for (String f : new String[] {e.subject(), e.agency(), e.action(), e.resource(), e.purpose(), e.grantId(),
            e.outcome().name(), e.detail()}) {
            field(b, f);
        }
        byte[] in = b.toByteArray();
        SM3Digest d = new SM3Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    /** SM3 of arbitrary bytes, as hex. */
    static String sm3(byte[] in) {
        SM3Digest d = new SM3Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    private static void number(ByteArrayOutputStream b, long v) {
        for (int i = 7; i >= 0; i--) {
            b.write((int) (v >>> (8 * i)));
        }
    }

    private static void field(ByteArrayOutputStream b, String s) {
        if (s == null) {
            number(b, -1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        number(b, bytes.length);
        b.writeBytes(bytes);
    }
}
