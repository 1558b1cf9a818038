package org.poyang.catalog.api;

import java.util.Objects;

/**
 * A catalog classification (资源分类) in four levels, 类/项/目/细目, written as digits: one for the
 * category (类), two for the class (项), three for the group (目) and, optionally, three for the
 * sub-group (细目), e.g. {@code 101001} or {@code 101001002}. Categories follow the national catalog
 * guide: 1 base resources (基础信息资源类), 2 thematic resources (主题信息资源类), 3 agency resources
 * (部门信息资源类).
 *
 * @param value six or nine digits
 */
public record ClassificationCode(String value) {

    private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("[1-3]\\d{5}(\\d{3})?");
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[-./\\s]");


    public ClassificationCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidIdentifierException("classification",
                    "分类代码“" + InvalidIdentifierException.quote(value) + "”应为 6 位（类/项/目）或 9 位（类/项/目/细目）数字，类为 1、2 或 3",
                    "a classification code has 6 or 9 digits (category/class/group[/sub-group]) and a category of 1, 2 or 3");
        }
    }

    /** Parses a code, tolerating separators agencies often type ({@code 1-01-001}, {@code 1.01.001.002}). */
    public static ClassificationCode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentifierException("classification", "分类代码不能为空", "a classification code is required");
        }
        return new ClassificationCode(SEPARATORS.matcher(text.strip()).replaceAll(""));
    }

    /** 类: 1, 2 or 3. */
    public int category() {
        return value.charAt(0) - '0';
    }

    /** Chinese name of the category. */
    public String categoryZh() {
        return switch (category()) {
            case 1 -> "基础信息资源类";
            case 2 -> "主题信息资源类";
            default -> "部门信息资源类";
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
