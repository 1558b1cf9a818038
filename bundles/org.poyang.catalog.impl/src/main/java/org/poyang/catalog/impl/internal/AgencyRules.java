package org.poyang.catalog.impl.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.poyang.catalog.api.AdministrativeLevel;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.AgencyService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.NewAgency;
import org.poyang.catalog.api.RegionCode;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;

/**
 * The rules an agency must meet to enter the register (Art. 6, 9; GB 32100, GB/T 2260). Every
 * broken rule is collected so that the data officer sees all of them at once.
 */
final class AgencyRules {

    /** Refusal when the credit code is already registered. */
    static final ProblemType AGENCY_EXISTS = new ProblemType("catalog-agency-exists", 409,
            "该统一社会信用代码的机构已登记", "An agency with this credit code is already registered");

    private AgencyRules() {
    }

    /**
     * Checks a submission against the register as {@code lookup} sees it.
     *
     * @throws ProblemException {@code validation-failed} with every violation, or
     *         {@code catalog-agency-exists} when the code is taken
     */
    static Agency check(NewAgency in, Function<CreditCode, Optional<Agency>> lookup, Instant now) {
        List<Violation> violations = new ArrayList<>();
        CreditCode code = parse(violations, () -> CreditCode.parse(in.creditCode()));
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            violations.add(new Violation("name", "机构名称不能为空", "the agency name is required"));
        } else if (name.length() > AgencyService.MAX_NAME_LENGTH) {
            violations.add(new Violation("name", "机构名称不得超过 " + AgencyService.MAX_NAME_LENGTH + " 个字符",
                    "the agency name has at most " + AgencyService.MAX_NAME_LENGTH + " characters"));
        }
        RegionCode region = parse(violations, () -> RegionCode.parse(in.regionCode()));
        AdministrativeLevel level = null;
        try {
            level = AdministrativeLevel.valueOf(in.level() == null ? "" : in.level().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("level", "机构层级应为 PROVINCE（省级）、CITY（设区的市级）或 COUNTY（县级）",
                    "level must be PROVINCE, CITY or COUNTY"));
        }
        if (region != null && level != null && region.level() != level) {
            violations.add(new Violation("level", "机构层级（" + level.labelZh() + "）与行政区划代码 " + region + " 的层级（"
                    + region.level().labelZh() + "）不一致", "level " + level + " does not match region " + region
                    + ", which is " + region.level()));
        }
        CreditCode parent = null;
        if (in.parentCreditCode() != null && !in.parentCreditCode().isBlank()) {
            parent = parse(violations, () -> CreditCode.parse(in.parentCreditCode()), "parentCreditCode");
            if (parent != null) {
                Optional<Agency> p = lookup.apply(parent);
                if (p.isEmpty()) {
                    violations.add(new Violation("parentCreditCode", "上级机构 " + parent + " 尚未登记",
                            "parent agency " + parent + " is not registered"));
                } else {
                    if (region != null && !p.get().region().contains(region)) {
                        violations.add(new Violation("regionCode", "行政区划 " + region + " 不在上级机构的区划 " + p.get().region() + " 之内",
                                "region " + region + " lies outside the parent's region " + p.get().region()));
                    }
                    if (level != null && p.get().level().ordinal() > level.ordinal()) {
                        violations.add(new Violation("parentCreditCode", "上级机构的层级低于本机构",
                                "the parent agency is at a lower level than this agency"));
                    }
                }
                if (parent.equals(code)) {
                    violations.add(new Violation("parentCreditCode", "机构不能是自己的上级", "an agency cannot be its own parent"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "机构登记信息有 " + violations.size() + " 处不符合要求 (" + violations.size() + " rule(s) broken)", violations);
        }
        if (lookup.apply(code).isPresent()) {
            throw new ProblemException(AGENCY_EXISTS, "统一社会信用代码 " + code + " 已登记 (already registered)");
        }
        return new Agency(code, name, region, level, parent, now);
    }

    private static <T> T parse(List<Violation> violations, java.util.function.Supplier<T> parser) {
        return parse(violations, parser, null);
    }

    private static <T> T parse(List<Violation> violations, java.util.function.Supplier<T> parser, String field) {
        try {
            return parser.get();
        } catch (InvalidIdentifierException e) {
            violations.add(new Violation(field == null ? e.field() : field, e.messageZh(), e.messageEn()));
            return null;
        }
    }
}
