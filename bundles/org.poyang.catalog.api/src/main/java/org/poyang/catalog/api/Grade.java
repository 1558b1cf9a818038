package org.poyang.catalog.api;

/**
 * The security grade of data (数据分级, Art. 8; GB/T 43697-2024): core, important, and general data
 * with levels inside general as a province configures them. Higher {@link #rank()} is more
 * sensitive; an entry's grade is never lower than its most sensitive item's (Art. 8).
 *
 * @param tier    the GB/T 43697 tier
 * @param level   level inside {@link Tier#GENERAL} (1 = least sensitive); 0 for core and important
 */
public record Grade(Tier tier, int level) implements Comparable<Grade> {

    /** The three tiers of GB/T 43697. */
    public enum Tier {
        /** 一般数据. */
        GENERAL("一般数据", "general data"),
        /** 重要数据. */
        IMPORTANT("重要数据", "important data"),
        /** 核心数据. */
        CORE("核心数据", "core data");

        private final String labelZh;
        private final String labelEn;

        Tier(String labelZh, String labelEn) {
            this.labelZh = labelZh;
            this.labelEn = labelEn;
        }

        public String labelZh() {
            return labelZh;
        }

        public String labelEn() {
            return labelEn;
        }
    }

    /** Most levels a province may define inside general data. */
    public static final int MAX_GENERAL_LEVEL = 9;

    public static final Grade IMPORTANT = new Grade(Tier.IMPORTANT, 0);
    private static final java.util.regex.Pattern GENERAL = java.util.regex.Pattern.compile("(?:GENERAL_|一般数据[（(]?|一般)(\\d)(?:级)?[）)]?");
    public static final Grade CORE = new Grade(Tier.CORE, 0);

    public Grade {
        java.util.Objects.requireNonNull(tier, "tier");
        if (tier == Tier.GENERAL && (level < 1 || level > MAX_GENERAL_LEVEL)) {
            throw new InvalidIdentifierException("grade", "一般数据的级别应在 1 到 " + MAX_GENERAL_LEVEL + " 之间",
                    "a general-data level lies between 1 and " + MAX_GENERAL_LEVEL);
        }
        if (tier != Tier.GENERAL && level != 0) {
            throw new InvalidIdentifierException("grade", tier.labelZh() + "不再细分级别",
                    tier.labelEn() + " has no levels");
        }
    }

    /** General data at the given level. */
    public static Grade general(int level) {
        return new Grade(Tier.GENERAL, level);
    }

    /** A total order: every general level below important, important below core. */
    public int rank() {
        return switch (tier) {
            case GENERAL -> level;
            case IMPORTANT -> MAX_GENERAL_LEVEL + 1;
            case CORE -> MAX_GENERAL_LEVEL + 2;
        };
    }

    @Override
    public int compareTo(Grade other) {
        return Integer.compare(rank(), other.rank());
    }

    /** Stable code used in JSON and exports: {@code GENERAL_2}, {@code IMPORTANT} or {@code CORE}. */
    public String code() {
        return tier == Tier.GENERAL ? "GENERAL_" + level : tier.name();
    }

    /** English label, e.g. general data (level 2) or important data. */
    public String labelEn() {
        return tier == Tier.GENERAL ? tier.labelEn() + " (level " + level + ")" : tier.labelEn();
    }

    @Override
    public String toString() {
        return code();
    }

    /**
     * Reads a grade from its {@link #code()} or its Chinese label as agencies write it in import
     * templates: {@code GENERAL_2}, {@code 一般数据（2级）}, {@code 一般2级}, {@code 重要数据}, {@code 核心数据}.
     *
     * @throws InvalidIdentifierException when the text names no grade
     */
    public static Grade parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        if (t.equals("CORE") || t.equals("核心数据") || t.equals("核心")) {
            return CORE;
        }
        if (t.equals("IMPORTANT") || t.equals("重要数据") || t.equals("重要")) {
            return IMPORTANT;
        }
        java.util.regex.Matcher m = GENERAL.matcher(t);
        if (m.matches()) {
            return general(Integer.parseInt(m.group(1)));
        }
        throw new InvalidIdentifierException("grade", "无法识别的分级“" + (text == null ? "" : text.strip())
                + "”，应为核心数据、重要数据或一般数据（N级）", "unknown grade; use CORE, IMPORTANT or GENERAL_n");
    }

    /** Chinese label, e.g. 一般数据（2级） or 重要数据. */
    public String labelZh() {
        return tier == Tier.GENERAL ? tier.labelZh() + "（" + level + "级）" : tier.labelZh();
    }
}
