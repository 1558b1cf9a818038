package org.poyang.share.impl.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Robust blind watermark (数据水印) for decimal values of shared data.
 *
 * <p>Implements the technical safeguard for Article 24 of the Jiangxi Public Data Management
 * Measures (共享数据不得转让): shared data must be used only for the granted purpose and must not be
 * passed on. Every delivery carries a recipient-specific mark, so a leaked copy can be traced
 * back to the recipient it was delivered to (see {@link LeakTrace}).
 *
 * <p>Rule: only a value that is a plain decimal with a fractional part (after stripping
 * trailing zeros) is a carrier. Its anchor (sign, all significant digits but the last, scale;
 * see {@link DecimalAnchor}) is hashed with HMAC-SM3 under the recipient key. The anchor is
 * selected when {@code (h[0] & 0xff) % GAMMA == 0}; the embedded bit is {@code h[1] & 1}. A
 * selected carrier whose last significant digit has the wrong parity gets that digit moved by
 * one unit ({@code +1}, or {@code -1} for 9), so the value changes by exactly one unit in its
 * last significant place, never becomes 0 in that digit and keeps its anchor. Everything else
 * (integers, whole decimals like {@code 1500.00}, null, blank, non-plain strings) is returned as
 * the very same string. Marking is deterministic, so repeated deliveries of the same data give
 * the same marked values and cannot be averaged.
 *
 * <p>The only change ever made is the replacement of one digit character in place: the
 * string keeps its sign, its scale (including padding zeros such as {@code 1234.50}) and its
 * formatting.
 *
 * <p><strong>Not thread-safe</strong>: an instance reuses one {@link HMac} and its buffers. Use
 * one instance per delivery (per thread); creating one with {@link #forRecipient} costs two
 * HMAC computations.
 */
public final class Watermark {

    /** One in {@code GAMMA} anchors carries a bit. */
    static final int GAMMA = 4;

    private static final String KEY_LABEL = "poyang-share-watermark-v1|";

    private final HMac mac;
    private final byte[] out;
    private final DecimalAnchor anchor = new DecimalAnchor();

    /**
     * Creates a marker for one recipient.
     *
     * @param recipientKey the key from {@link #recipientKey(byte[], String)}; copied by the MAC
     */
    public Watermark(byte[] recipientKey) {
        this.mac = newMac(recipientKey);
        this.out = new byte[mac.getMacSize()];
    }

    /** Convenience factory: derives the recipient key from the master key and builds a marker. */
    public static Watermark forRecipient(byte[] master, String recipient) {
        return new Watermark(recipientKey(master, recipient));
    }

    /**
     * Derives the per-recipient key: {@code HMAC-SM3(master, "poyang-share-watermark-v1|" +
     * recipient)}.
     *
     * @param master the platform's secret master key
     * @param recipient a grant id such as {@code grt_abc123} or {@code agency:<credit code>}
     * @return a 32-byte key
     */
    public static byte[] recipientKey(byte[] master, String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        HMac m = newMac(master);
        byte[] label = (KEY_LABEL + recipient).getBytes(StandardCharsets.UTF_8);
        m.update(label, 0, label.length);
        byte[] key = new byte[m.getMacSize()];
        m.doFinal(key, 0);
        return key;
    }

    /**
     * Marks one value of a DECIMAL data item.
     *
     * @param value the value as the platform stores it (plain decimal string), may be null
     * @return the marked value, or {@code value} itself if it is not changed
     */
    public String mark(String value) {
        if (!anchor.parse(value) || !hash(anchor)) {
            return value;
        }
        int last = anchor.lastDigit();
        if ((last & 1) == (out[1] & 1)) {
            return value;
        }
        int replaced = last < 9 ? last + 1 : last - 1;
        char[] chars = value.toCharArray();
        chars[anchor.lastDigitIndex()] = (char) ('0' + replaced);
        return new String(chars);
    }

    /**
     * Hashes the anchor into {@link #out} and tells whether it is selected.
     */
    private boolean hash(DecimalAnchor a) {
        mac.update(a.bytes(), 0, a.length());
        mac.doFinal(out, 0);
        return (out[0] & 0xff) % GAMMA == 0;
    }

    /**
     * Hashes an anchor with this recipient's key.
     *
     * @return -1 if the anchor is not selected, else the bit (0 or 1) it must carry
     */
    int bitFor(byte[] anchorBytes, int length) {
        mac.update(anchorBytes, 0, length);
        mac.doFinal(out, 0);
        if ((out[0] & 0xff) % GAMMA != 0) {
            return -1;
        }
        return out[1] & 1;
    }

    private static HMac newMac(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty watermark key");
        }
        HMac m = new HMac(new SM3Digest());
        m.init(new KeyParameter(key));
        return m;
    }
}
