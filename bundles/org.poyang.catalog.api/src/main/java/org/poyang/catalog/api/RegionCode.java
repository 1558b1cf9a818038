package org.poyang.catalog.api;

import java.util.Objects;
import java.util.Set;

/**
 * An administrative division code (行政区划代码, GB/T 2260): six digits, province (two) + city (two) +
 * county (two), e.g. Jiangxi 360000, Nanchang 360100, Donghu District 360102. It scopes a city's
 * supplementary catalog (补充目录, Art. 9) and an agency's place in the hierarchy.
 * <p>
 * Checked here: six digits and a province prefix that GB/T 2260 assigns. Whether a given city or
 * county exists is a question for the code table, which the catalog service holds.
 *
 * @param value six digits
 */
public record RegionCode(String value) {

    private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("\\d{6}");


    /** The province-level prefixes of GB/T 2260 (including 71 Taiwan, 81 Hong Kong, 82 Macao). */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
            "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
            "65", "71", "81", "82");

    /** Jiangxi Province. */
    public static final RegionCode JIANGXI = new RegionCode("360000");

    public RegionCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidIdentifierException("regionCode", "行政区划代码应为 6 位数字：'" + InvalidIdentifierException.quote(value) + "'",
                    "a region code has six digits: '" + InvalidIdentifierException.quote(value) + "'");
        }
        if (!PROVINCES.contains(value.substring(0, 2))) {
            throw new InvalidIdentifierException("regionCode", "行政区划代码的省级代码 '" + value.substring(0, 2) + "' 不存在",
                    "province prefix '" + value.substring(0, 2) + "' is not assigned by GB/T 2260");
        }
        if (value.startsWith("00", 2) && !value.endsWith("00")) {
            throw new InvalidIdentifierException("regionCode", "行政区划代码 '" + value + "' 缺少市级代码",
                    "region code '" + value + "' has a county part without a city part");
        }
    }

    /** Parses a code, dropping surrounding spaces. */
    public static RegionCode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentifierException("regionCode", "行政区划代码不能为空", "the region code is required");
        }
        return new RegionCode(text.strip());
    }

    /** The level the code denotes. */
    public AdministrativeLevel level() {
        if (value.endsWith("0000")) {
            return AdministrativeLevel.PROVINCE;
        }
        return value.endsWith("00") ? AdministrativeLevel.CITY : AdministrativeLevel.COUNTY;
    }

    /** The province this code lies in, e.g. 360000 for 360102. */
    public RegionCode province() {
        return new RegionCode(value.substring(0, 2) + "0000");
    }

    /** Whether {@code other} is this region or lies inside it. */
    public boolean contains(RegionCode other) {
        return switch (level()) {
            case PROVINCE -> other.value.startsWith(value.substring(0, 2));
            case CITY -> other.value.startsWith(value.substring(0, 4));
            case COUNTY -> other.value.equals(value);
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
