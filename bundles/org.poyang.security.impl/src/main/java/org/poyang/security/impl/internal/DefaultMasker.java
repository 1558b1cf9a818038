package org.poyang.security.impl.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.poyang.security.api.MaskRule;
import org.poyang.security.api.Masker;

/**
 * The masking algorithms and detectors. Keyed hashing is HMAC-SM3 under a platform key kept in
 * {@code <data>/security/masking.key} (owner-only, created at first use), so the same value masks to
 * the same token everywhere and masked columns still join, while nobody without the key can test
 * guesses against them.
 */
@Component(service = Masker.class)
public final class DefaultMasker implements Masker {

    /** 18-character resident identity number (GB 11643): 17 digits and a check character. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<!\\d)[1-9]\\d{16}[0-9Xx](?!\\d)");
    /** Mainland mobile number, optionally with +86. */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?1[3-9]\\d{9}(?!\\d)");
    /** 16 to 19 digits, checked with Luhn. */
    private static final Pattern BANK_CARD = Pattern.compile("(?<!\\d)\\d{16,19}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}");
    private static final Pattern PLATE = Pattern.compile("[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}");
    private static final Pattern LONG_DIGITS = Pattern.compile("(?<!\\d)\\d{15,}[Xx]?");
    /** Province, city, then the district or county an address names. */
    private static final Pattern DISTRICT = Pattern.compile("^(.{0,12}?(?:省|自治区))?(.{0,10}?(?:市|自治州|地区|盟))?(.{0,10}?(?:区|县|旗|市))");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})(?:[-/.月](\\d{1,2})日?)?.*");
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private final byte[] key;

    @Activate
    public DefaultMasker(BundleContext context) {
        this(loadKey(Path.of(context.getProperty("poyang.data.dir") == null ? "data" : context.getProperty("poyang.data.dir"),
                "security", "masking.key")));
    }

    DefaultMasker(byte[] key) {
        this.key = key.clone();
    }

    static byte[] loadKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Hex.decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Hex.toHexString(k), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // protect the data directory instead
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the masking key " + file, e);
        }
    }

    @Override
    public String mask(String value, MaskRule rule) {
        if (value == null) {
            return null;
        }
        int[] cps = value.codePoints().toArray();
        int n = cps.length;
        return switch (rule.algorithm()) {
            case KEEP -> value;
            case KEEP_ENDS -> {
                int first = Math.min(rule.keepFirst(), n);
                int last = Math.min(rule.keepLast(), n - first);
                if (first + last >= n && n > 0) { // too short to keep both ends: keep less
                    first = Math.min(first, Math.max(0, n - 1));
                    last = 0;
                }
                yield new String(cps, 0, first) + "*".repeat(Math.max(0, n - first - last)) + new String(cps, n - last, last);
            }
            case MASK_RANGE -> {
                int from = Math.min(rule.keepFirst(), n);
                int to = Math.max(from, Math.min(rule.keepLast(), n));
                yield new String(cps, 0, from) + "*".repeat(to - from) + new String(cps, to, n - to);
            }
            case REPLACE -> rule.replacement() == null ? "***" : rule.replacement();
            case KEYED_HASH -> keyedHash(value);
            case DATE_TO_MONTH, DATE_TO_YEAR -> {
                Matcher m = DATE.matcher(value.strip());
                if (!m.matches()) {
                    yield "****";
                }
                yield rule.algorithm() == MaskRule.Algorithm.DATE_TO_YEAR ? m.group(1)
                        : m.group(1) + "-" + (m.group(2).length() == 1 ? "0" + m.group(2) : m.group(2));
            }
            case ADDRESS_TO_DISTRICT -> district(value);
            case REDACT -> "******";
        };
    }

    /**
     * HMAC-SM3 of the value under the masking key, 128 bits written as 32 letters {@code a}-{@code p}
     * (one per four bits): hex digits could by chance spell something that looks like an identity
     * number or a mobile, which a reader or a scanner cannot tell from the real thing.
     */
    String keyedHash(String value) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        char[] letters = new char[32];
        for (int i = 0; i < 16; i++) {
            letters[2 * i] = (char) ('a' + ((out[i] >> 4) & 0xF));
            letters[2 * i + 1] = (char) ('a' + (out[i] & 0xF));
        }
        return new String(letters);
    }

    /** The address up to its district or county (区/县/旗/县级市), or to its city, with the rest masked. */
    static String district(String address) {
        String a = address.strip();
        int cut = -1;
        Matcher m = DISTRICT.matcher(a);
        if (m.find() && m.end(3) > 0) {
            cut = m.end(3);
        } else {
            int city = a.indexOf('市');
            cut = city >= 0 && city < 15 ? city + 1 : Math.min(a.length(), 3);
        }
        return a.substring(0, cut) + (cut < a.length() ? "****" : "");
    }

    @Override
    public MaskRule defaultRule(String sensitiveType) {
        if (sensitiveType == null) {
            return MaskRule.of(MaskRule.Algorithm.REDACT);
        }
        return switch (sensitiveType) {
            case "NONE" -> MaskRule.of(MaskRule.Algorithm.KEEP);
            case "ID_NUMBER" -> MaskRule.keepEnds(6, 4);
            case "MOBILE" -> MaskRule.keepEnds(3, 4);
            case "BANK_CARD" -> MaskRule.keepEnds(6, 4);
            case "NAME" -> MaskRule.keepEnds(1, 0);
            case "LICENCE_PLATE" -> MaskRule.keepEnds(2, 1);
            case "EMAIL" -> new MaskRule(MaskRule.Algorithm.REPLACE, 0, 0, null); // replaced per value in maskText
            case "ADDRESS" -> MaskRule.of(MaskRule.Algorithm.ADDRESS_TO_DISTRICT);
            default -> MaskRule.of(MaskRule.Algorithm.REDACT);
        };
    }

    /**
     * Whether any detector could match: every one needs a run of at least 11 digits (mobile; identity,
     * card and long runs need more), an {@code @} (e-mail) or a province character (licence plate).
     * Most values have none of these and skip the regular expressions.
     */
    static boolean mayHoldPersonalData(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run >= 11) {
                    return true;
                }
                continue;
            }
            run = 0;
            if (c == '@' || (c >= 0x4E00 && PLATE_PROVINCES.indexOf(c) >= 0)) {
                return true;
            }
        }
        return false;
    }

    private static final String PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    @Override
    public List<Detection> detect(String text) {
        List<Detection> out = new ArrayList<>();
        if (text == null || !mayHoldPersonalData(text)) {
            return out;
        }
        find(text, ID_NUMBER, "ID_NUMBER", out, DefaultMasker::validIdNumber);
        find(text, MOBILE, "MOBILE", out, s -> true);
        find(text, BANK_CARD, "BANK_CARD", out, DefaultMasker::luhn);
        find(text, EMAIL, "EMAIL", out, s -> true);
        find(text, PLATE, "LICENCE_PLATE", out, s -> true);
        out.sort(Comparator.comparingInt(Detection::start));
        // overlapping finds: keep the first (an ID number is not also a bank card)
        List<Detection> kept = new ArrayList<>();
        int end = -1;
        for (Detection d : out) {
            if (d.start() >= end) {
                kept.add(d);
                end = d.end();
            }
        }
        return kept;
    }

    private static void find(String text, Pattern p, String kind, List<Detection> out, java.util.function.Predicate<String> valid) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (valid.test(m.group())) {
                out.add(new Detection(kind, m.start(), m.end()));
            }
        }
    }

    /**
     * Whether {@code s} is a well-formed identity number with a plausible birth date. An 18-digit run
     * with a wrong check character is still treated as one by {@link #maskText}: see there.
     */
    static boolean validIdNumber(String s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return Character.toUpperCase(s.charAt(17)) == ID_CHECK.charAt(sum % 11);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    @Override
    public String maskText(String text) {
        if (text == null || !mayHoldPersonalData(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        List<Detection> found = detect(text);
        // Err on the side of masking: any 18-character identity-number shape, valid or not
        Matcher m = ID_NUMBER.matcher(text);
        while (m.find()) {
            int s = m.start();
            if (found.stream().noneMatch(d -> d.start() <= s && d.end() > s)) {
                found.add(new Detection("ID_NUMBER", s, m.end()));
            }
        }
        // ... and any other run of 15 or more digits: an identity or card number glued to other digits
        Matcher run = LONG_DIGITS.matcher(text);
        while (run.find()) {
            int s = run.start();
            int e = run.end();
            if (found.stream().noneMatch(d -> d.start() < e && d.end() > s)) {
                found.add(new Detection("DIGITS", s, e));
            }
        }
        found.sort(Comparator.comparingInt(Detection::start).reversed());
        for (Detection d : found) {
            String v = text.substring(d.start(), d.end());
            String masked;
            if (d.kind().equals("EMAIL")) {
                masked = v.charAt(0) + "***" + v.substring(v.indexOf('@'));
            } else if (d.kind().equals("MOBILE") && v.length() > 11) { // keep a +86 prefix, mask the number itself
                masked = v.substring(0, v.length() - 11) + mask(v.substring(v.length() - 11), defaultRule("MOBILE"));
            } else if (d.kind().equals("DIGITS")) {
                masked = mask(v, MaskRule.keepEnds(2, 2));
            } else {
                masked = mask(v, defaultRule(d.kind()));
            }
            sb.replace(d.start(), d.end(), masked);
        }
        return sb.toString();
    }
}
