package org.poyang.security.impl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.security.api.ItemClass;
import org.poyang.security.api.MaskRule;
import org.poyang.security.api.Masker;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;

/**
 * The default masking policy, in this order (the first that applies wins):
 * <ol>
 * <li>operator rules from configuration, {@code route|grade|sensitiveType=rule}, any part {@code *};</li>
 * <li>model results leave as computed: they are aggregates under disclosure control (Art. 18);</li>
 * <li>core data (核心数据) never leaves in clear: redacted (Art. 31);</li>
 * <li>open routes (Art. 13, 17): personal items get their sensitive type's rule (ID numbers keep
 *     6+4, mobiles 3+4, names the surname ...), important items are redacted, the rest is kept;</li>
 * <li>share routes (Art. 22, 24): items the grant names are kept (important ones too), other
 *     personal items get their sensitive type's rule, other important items a keyed hash so that
 *     they still join, the rest is kept.</li>
 * </ol>
 * Kept values of columns no grant names still pass the detectors ({@link Masker#maskText}), so an
 * identity number or mobile typed into a free-text column does not leave in clear.
 * Rules are written {@code KEEP}, {@code REDACT}, {@code KEYED_HASH}, {@code DATE_TO_MONTH},
 * {@code DATE_TO_YEAR}, {@code ADDRESS_TO_DISTRICT}, {@code DEFAULT} (the sensitive type's rule) or
 * {@code KEEP_ENDS:first:last}.
 */
@Component(service = MaskingPolicy.class, configurationPid = DefaultMaskingPolicy.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DefaultMaskingPolicy.Config.class)
public final class DefaultMaskingPolicy implements MaskingPolicy {

    static final String PID = "org.poyang.security.masking";

    /** Operator rules. */
    @ObjectClassDefinition(name = "Poyang masking policy", description = "脱敏策略 (masking policy, Art. 13, 31)")
    public @interface Config {
        @AttributeDefinition(description = "Rules route|grade|sensitiveType=rule, e.g. OPEN_API|*|ADDRESS=DATE_TO_YEAR; "
                + "* matches anything, GENERAL_* any general level; the first match wins")
        String[] rules() default {};
    }

    private final Masker masker;
    /** One operator rule: the route, grade and sensitive type it matches ({@code *} wildcards) and the rule. */
    record OperatorRule(String route, String grade, String sensitiveType, String rule) {
    }

    private volatile List<OperatorRule> rules = List.of();

    @Activate
    public DefaultMaskingPolicy(@Reference Masker masker, Config config) {
        this.masker = masker;
        modified(config);
    }

    DefaultMaskingPolicy(Masker masker, String... operatorRules) {
        this.masker = masker;
        this.rules = parse(operatorRules);
    }

    @Modified
    void modified(Config config) {
        rules = parse(config.rules());
    }

    static List<OperatorRule> parse(String[] lines) {
        List<OperatorRule> out = new ArrayList<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            String[] key = eq < 0 ? new String[0] : line.substring(0, eq).split("\\|");
            if (key.length != 3) {
                throw new IllegalArgumentException("masking rule must read route|grade|sensitiveType=rule: " + line);
            }
            String rule = line.substring(eq + 1).strip().toUpperCase(Locale.ROOT);
            ruleOf(rule, null, null); // fail early on a bad rule
            out.add(new OperatorRule(key[0].strip().toUpperCase(Locale.ROOT), key[1].strip().toUpperCase(Locale.ROOT),
                    key[2].strip().toUpperCase(Locale.ROOT), rule));
        }
        return List.copyOf(out);
    }

    private static MaskRule ruleOf(String rule, Masker masker, String sensitiveType) {
        if (rule.startsWith("KEEP_ENDS:")) {
            String[] p = rule.split(":");
            return MaskRule.keepEnds(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }
        if (rule.equals("DEFAULT")) {
            return masker == null ? null : masker.defaultRule(sensitiveType);
        }
        return MaskRule.of(MaskRule.Algorithm.valueOf(rule));
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value) || (pattern.endsWith("*") && value.startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    @Override
    public MaskRule ruleFor(ItemClass item, Subject subject, Route route) {
        String type = item.sensitiveType() == null || item.sensitiveType().isBlank() ? "NONE" : item.sensitiveType().strip().toUpperCase(Locale.ROOT);
        String grade = item.grade() == null || item.grade().isBlank() ? "GENERAL_1" : item.grade().strip().toUpperCase(Locale.ROOT);
        for (OperatorRule r : rules) {
            if (matches(r.route(), route.name()) && matches(r.grade(), grade) && matches(r.sensitiveType(), type)) {
                return ruleOf(r.rule(), masker, type);
            }
        }
        if (route == Route.MODEL_RESULT) {
            return MaskRule.of(MaskRule.Algorithm.KEEP);
        }
        if (grade.equals("CORE")) {
            return MaskRule.of(MaskRule.Algorithm.REDACT);
        }
        boolean personal = !type.equals("NONE");
        boolean important = grade.equals("IMPORTANT");
        if (route == Route.OPEN_API || route == Route.OPEN_DOWNLOAD) {
            if (important) {
                return MaskRule.of(MaskRule.Algorithm.REDACT);
            }
            return personal ? masker.defaultRule(type) : MaskRule.of(MaskRule.Algorithm.KEEP);
        }
        if (item.granted()) {
            return MaskRule.of(MaskRule.Algorithm.KEEP);
        }
        if (personal) {
            return masker.defaultRule(type);
        }
        return important ? MaskRule.of(MaskRule.Algorithm.KEYED_HASH) : MaskRule.of(MaskRule.Algorithm.KEEP);
    }

    @Override
    public MaskPlan plan(List<ItemClass> items, Subject subject, Route route) {
        List<MaskRule> planned = new ArrayList<>(items.size());
        for (ItemClass i : items) {
            planned.add(ruleFor(i, subject, route));
        }
        List<MaskRule> fixed = List.copyOf(planned);
        return new MaskPlan() {
            @Override
            public List<MaskRule> rules() {
                return fixed;
            }

            @Override
            public String[] apply(String[] row) {
                if (row.length != fixed.size()) {
                    throw new IllegalArgumentException("row has " + row.length + " columns, the plan " + fixed.size());
                }
                String[] out = new String[row.length];
                for (int c = 0; c < row.length; c++) {
                    MaskRule rule = fixed.get(c);
                    String v = row[c];
                    if (rule.algorithm() == MaskRule.Algorithm.KEEP) {
                        // a column declared not sensitive can still hide an identity number or a mobile in
                        // free text: the detectors mask those, unless a grant of shared data names the column
                        // (an agency's legal duty, Art. 24) or it is a model result. A grant of open data
                        // (an approved application, an emergency opening) never lifts them (Art. 13, 31).
                        boolean shared = route == Route.SHARE_API || route == Route.SHARE_DOWNLOAD;
                        boolean raw = v == null || route == Route.MODEL_RESULT || shared && items.get(c).granted();
                        out[c] = raw ? v : masker.maskText(v);
                    } else {
                        out[c] = masker.mask(v, rule);
                    }
                }
                return out;
            }
        };
    }

    @Override
    public String toString() {
        return "DefaultMaskingPolicy[" + rules.size() + " operator rules]";
    }
}
