package org.poyang.catalog.impl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.AdministrativeLevel;
import org.poyang.catalog.api.BaseDatabase;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.Labelled;
import org.poyang.catalog.api.OpenBasis;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.platform.rest.Violation;

/**
 * The rules a catalog entry's content must meet, each naming its article of the Jiangxi Public Data
 * Management Measures. Every broken rule is collected so that the data officer sees all at once.
 * Rules that need the whole catalog (Art. 12, one collecting agency per item) live in
 * {@link JdbcCatalogService}, which adds to the same list.
 */
final class EntryRules {

    /** The content of an entry once every field is checked; the service adds code, state and version. */
    record Content(ClassificationCode classification, String name, CreditCode provider, String summary,
            ResourceFormat format, List<DataItem> items, ShareType shareType, String shareConditions,
            ShareMethod shareMethod, String legalBasis, OpenType openType, String openConditions, OpenBasis openBasis,
            String openBasisNote, UpdateFrequency updateFrequency, List<ResourceCode> relatedCodes,
            List<String> keywords, BaseDatabase baseDatabase, String thematicDatabase, PriorityCategory priorityCategory,
            RegionCode scope, Grade grade) {
    }

    /** What the rules consult outside the draft. */
    record Context(Function<CreditCode, Optional<Agency>> agencies, Optional<CatalogEntry> previous, int generalLevels) {
    }

    static final int MAX_SHORT_TEXT = 100;
    static final int MAX_KEYWORD = 30;

    private final Context context;
    private final List<Violation> violations = new ArrayList<>();
    private final String prefix;
    private List<DataItem> parsedItems;

    private EntryRules(Context context, String prefix) {
        this.context = context;
        this.prefix = prefix;
    }

    /**
     * Checks a draft. Violations go to {@code out}, their fields prefixed with {@code prefix} (for
     * import rows); the content is returned only when this draft broke no rule.
     */
    static Optional<Content> check(EntryDraft d, Context context, String prefix, List<Violation> out) {
        return checked(d, context, prefix, out).content();
    }

    /**
     * The outcome of checking a draft: its content when it broke no rule; otherwise, when all its
     * data items were valid, those items, so that Art. 12 conflicts can be reported along with the
     * other violations.
     */
    record Checked(Optional<Content> content, List<DataItem> items, String name) {
    }

    static Checked checked(EntryDraft d, Context context, String prefix, List<Violation> out) {
        EntryRules r = new EntryRules(context, prefix);
        Content c = r.run(d);
        out.addAll(r.violations);
        return new Checked(r.violations.isEmpty() ? Optional.of(c) : Optional.empty(), r.parsedItems,
                d.name() == null ? "" : echo(d.name()));
    }

    /** A submitted value as a message quotes it: at most 40 characters. */
    static String echo(String value) {
        String v = value.strip();
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }

    private void add(String field, String zh, String en) {
        violations.add(new Violation(prefix + field, zh, en));
    }

    private Content run(EntryDraft d) {
        ClassificationCode classification = parse("classification", () -> ClassificationCode.parse(d.classification()));
        String name = text("name", "信息资源名称", d.name(), true, CatalogService.MAX_NAME_LENGTH);
        String summary = text("summary", "信息资源摘要", d.summary(), true, CatalogService.MAX_TEXT_LENGTH);
        ResourceFormat format = term("format", "资源格式", ResourceFormat.class, d.format(), true);

        // Art. 9: the provider is a registered agency.
        CreditCode provider = parse("provider", () -> CreditCode.parse(d.provider()));
        Optional<Agency> providerAgency = Optional.empty();
        if (provider != null) {
            providerAgency = context.agencies().apply(provider);
            if (providerAgency.isEmpty()) {
                add("provider", "提供方 " + provider + " 尚未在机构名录中登记（第九条）",
                        "provider " + provider + " is not a registered agency (Art. 9)");
            }
        }

        // Art. 9, 11: the province catalog or a city's supplementary catalog, and the provider inside it.
        RegionCode scope = parse("scope", () -> RegionCode.parse(d.scope()));
        if (scope != null && scope.level() == AdministrativeLevel.COUNTY) {
            add("scope", "目录范围应为省级目录或设区的市补充目录，不能是县级区划 " + scope + "（第九条、第十一条）",
                    "the scope is the province catalog or a city's supplementary catalog, not county " + scope + " (Art. 9, 11)");
        } else if (scope != null && providerAgency.isPresent() && !scope.contains(providerAgency.get().region())) {
            add("scope", "提供方所在区划 " + providerAgency.get().region() + " 不在目录范围 " + scope + " 之内（第十一条，属地管理）",
                    "the provider's region " + providerAgency.get().region() + " lies outside the scope " + scope + " (Art. 11)");
        }

        // Art. 22: share type, conditions, method and legal basis.
        ShareType shareType = term("shareType", "共享属性", ShareType.class, d.shareType(), true);
        String shareConditions = text("shareConditions", "共享条件", d.shareConditions(), false, CatalogService.MAX_TEXT_LENGTH);
        String legalBasis = text("legalBasis", "共享依据", d.legalBasis(), false, CatalogService.MAX_TEXT_LENGTH);
        ShareMethod shareMethod = term("shareMethod", "共享方式", ShareMethod.class, d.shareMethod(), false);
        if (shareType != null) {
            if (shareType.requiresLegalBasis() && legalBasis == null) {
                add("legalBasis", shareType.labelZh() + "的信息资源必须注明法律、法规、规章依据（第二十二条）",
                        shareType.labelEn() + " requires a legal basis (Art. 22)");
            }
            if (shareType.requiresConditions() && shareConditions == null) {
                add("shareConditions", "有条件共享的信息资源必须注明共享条件（第二十二条）",
                        "conditional sharing requires its conditions (Art. 22)");
            }
            if (shareType != ShareType.NOT_SHARED && (d.shareMethod() == null || d.shareMethod().isBlank())) {
                add("shareMethod", "可共享的信息资源必须注明共享方式（第二十三条）",
                        "a shared resource states its share method (Art. 23)");
            }
        }

        // Art. 17, 18: open type and conditions.
        OpenType openType = term("openType", "开放属性", OpenType.class, d.openType(), true);
        String openConditions = text("openConditions", "开放条件", d.openConditions(), false, CatalogService.MAX_TEXT_LENGTH);
        OpenBasis openBasis = term("openBasis", "开放依据", OpenBasis.class, d.openBasis(), false);
        String openBasisNote = text("openBasisNote", "开放依据说明", d.openBasisNote(), false, CatalogService.MAX_TEXT_LENGTH);
        if (openType == OpenType.CONDITIONAL && openConditions == null) {
            add("openConditions", "有条件开放的信息资源必须注明开放条件（第十七条、第十八条）",
                    "conditional opening requires its conditions (Art. 17, 18)");
        }
        if (openBasis != null && openBasisNote == null) {
            add("openBasisNote", "开放依据须附记录（脱密、脱敏处理说明或权利人同意的凭证编号）（第十七条第三款）",
                    "an open basis needs its record: the desensitisation report or consent reference (Art. 17 para 3)");
        }

        UpdateFrequency frequency = term("updateFrequency", "更新周期", UpdateFrequency.class, d.updateFrequency(), true);
        BaseDatabase baseDatabase = term("baseDatabase", "所属基础数据库", BaseDatabase.class, d.baseDatabase(), false);
        String thematic = text("thematicDatabase", "所属主题库", d.thematicDatabase(), false, MAX_SHORT_TEXT);
        PriorityCategory priority = term("priorityCategory", "重点和优先开放类别", PriorityCategory.class, d.priorityCategory(), false);
        List<String> keywords = keywords(d.keywords());
        List<ResourceCode> related = related(d.relatedCodes());

        // Art. 8 (GB/T 43697): items and the entry's grade.
        List<DataItem> items = items(d.items());
        parsedItems = items;
        boolean gradeGiven = d.grade() != null && !d.grade().isBlank();
        Grade declared = gradeGiven ? grade("grade", d.grade()) : null;
        Grade highest = items == null ? null : items.stream().map(DataItem::grade).max(Grade::compareTo).orElse(null);
        Grade grade = gradeGiven ? declared : highest; // an entry without a grade takes its most sensitive item's
        if (declared != null && highest != null && highest.compareTo(declared) > 0) {
            List<String> above = items.stream().filter(i -> i.grade().compareTo(declared) > 0).map(DataItem::name).toList();
            add("grade", "信息资源分级（" + declared.labelZh() + "）低于其信息项的最高分级（" + highest.labelZh() + "）："
                    + String.join("、", above) + "（第八条）", "the entry's grade " + declared + " is below its items' highest grade "
                    + highest + ": " + above + " (Art. 8)");
        }

        // Art. 17 para 2 and 3: personal information is not opened without desensitisation or consent,
        // and a not-open entry becomes open only with a recorded basis.
        if (openType != null && openType.isOpen() && openBasis == null) {
            if (items != null) {
                List<String> personal = items.stream().filter(DataItem::personal).map(DataItem::name).toList();
                if (!personal.isEmpty()) {
                    add("openBasis", "含个人信息的信息项（" + String.join("、", personal) + "）的资源开放前须记录脱敏处理或权利人同意（第十七条）",
                            "items holding personal information " + personal + " may be opened only with a recorded "
                                    + "desensitisation or consent basis (Art. 17)");
                }
            }
            if (context.previous().isPresent() && !context.previous().get().openType().isOpen()) {
                add("openBasis", "不予开放类信息资源改为开放，须记录脱密、脱敏处理或相关权利人同意（第十七条第三款）",
                        "a not-open entry may become open only with a recorded declassification, desensitisation or consent (Art. 17 para 3)");
            }
        }

        if (!violations.isEmpty()) {
            return null;
        }
        return new Content(classification, name, provider, summary, format, items, shareType,
                shareConditions, shareType == ShareType.NOT_SHARED ? null : shareMethod, legalBasis, openType, openConditions,
                openBasis, openBasisNote, frequency, related, keywords, baseDatabase, thematic, priority, scope, grade);
    }

    private List<DataItem> items(List<EntryDraft.ItemDraft> in) {
        if (in == null || in.isEmpty()) {
            add("items", "信息资源至少包含一个信息项（第九条）", "an entry has at least one data item (Art. 9)");
            return null;
        }
        if (in.size() > CatalogService.MAX_ITEMS) {
            add("items", "信息项不得超过 " + CatalogService.MAX_ITEMS + " 个", "at most " + CatalogService.MAX_ITEMS + " data items");
            return null;
        }
        List<DataItem> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean broken = false;
        for (int n = 0; n < in.size(); n++) {
            EntryDraft.ItemDraft i = in.get(n);
            String f = "items[" + (n + 1) + "].";
            int before = violations.size();
            if (i == null) {
                add("items[" + (n + 1) + "]", "信息项不能为空", "a data item cannot be null");
                broken = true;
                continue;
            }
            String name = text(f + "name", "信息项名称", i.name(), true, MAX_SHORT_TEXT);
            if (name != null && DataItem.key(name).length() > MAX_SHORT_TEXT) {
                add(f + "name", "信息项名称规范化（全角、兼容字符折叠）后超过 " + MAX_SHORT_TEXT + " 个字符（第十二条信息项标识）",
                        "the item name exceeds " + MAX_SHORT_TEXT + " characters once normalised (its Art. 12 identity)");
                name = null;
            }
            if (name != null) {
                Integer first = seen.putIfAbsent(DataItem.key(name), n + 1);
                if (first != null) {
                    add(f + "name", "信息项“" + name + "”与第 " + first + " 个信息项重复", "data item '" + name + "' repeats item " + first);
                }
            }
            DataType type = term(f + "dataType", "数据类型", DataType.class, i.dataType(), true);
            Integer length = null;
            if (i.length() != null && !i.length().isBlank()) {
                try {
                    length = Integer.valueOf(i.length().strip());
                    if (length < 1 || length > 1_000_000) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    add(f + "length", "数据长度应为 1 到 1000000 之间的整数", "length is an integer between 1 and 1000000");
                }
            } else if (type == DataType.STRING) {
                add(f + "length", "字符型信息项必须注明数据长度", "a string item states its length");
            }
            Boolean person = bool(f + "identifiesPerson", i.identifiesPerson());
            SensitiveType sensitive = i.sensitiveType() == null || i.sensitiveType().isBlank() ? SensitiveType.NONE
                    : term(f + "sensitiveType", "敏感类型", SensitiveType.class, i.sensitiveType(), false);
            Grade g = i.grade() == null || i.grade().isBlank() ? missing(f + "grade", "信息项分级") : grade(f + "grade", i.grade());
            CreditCode collector = parse(f + "collectingAgency", () -> CreditCode.parse(i.collectingAgency()));
            if (collector != null && context.agencies().apply(collector).isEmpty()) {
                add(f + "collectingAgency", "法定采集部门 " + collector + " 尚未在机构名录中登记（第十二条）",
                        "collecting agency " + collector + " is not a registered agency (Art. 12)");
            }
            if (violations.size() > before) {
                broken = true;
                continue;
            }
            out.add(new DataItem(name, type, length, person, sensitive, g, collector));
        }
        return broken ? null : out;
    }

    private <T> T missing(String field, String label) {
        add(field, label + "不能为空", field + " is required");
        return null;
    }

    private Grade grade(String field, String text) {
        try {
            Grade g = Grade.parse(text);
            if (g.tier() == Grade.Tier.GENERAL && g.level() > context.generalLevels()) {
                add(field, "本省一般数据分为 " + context.generalLevels() + " 级，不存在" + g.labelZh(),
                        "general data has " + context.generalLevels() + " levels here; " + g + " does not exist");
                return null;
            }
            return g;
        } catch (InvalidIdentifierException e) {
            add(field, e.messageZh(), e.messageEn());
            return null;
        }
    }

    private Boolean bool(String field, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "是", "y", "yes", "1" -> true;
            case "false", "否", "n", "no", "0" -> false;
            default -> {
                add(field, "应填“是”或“否”", "use true or false");
                yield false;
            }
        };
    }

    private List<String> keywords(List<String> in) {
        if (in == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String k : in) {
            if (k == null || k.isBlank()) {
                continue;
            }
            String s = k.strip();
            if (s.length() > MAX_KEYWORD) {
                add("keywords", "关键字“" + echo(s) + "”超过 " + MAX_KEYWORD + " 个字符", "keyword longer than " + MAX_KEYWORD + " characters");
            }
            out.add(s);
        }
        if (out.size() > CatalogService.MAX_KEYWORDS) {
            add("keywords", "关键字不得超过 " + CatalogService.MAX_KEYWORDS + " 个", "at most " + CatalogService.MAX_KEYWORDS + " keywords");
        }
        return List.copyOf(out);
    }

    private List<ResourceCode> related(List<String> in) {
        if (in == null) {
            return List.of();
        }
        List<ResourceCode> out = new ArrayList<>();
        for (String s : in) {
            if (s == null || s.isBlank()) {
                continue;
            }
            ResourceCode c = parse("relatedCodes", () -> ResourceCode.parse(s));
            if (c != null && !out.contains(c)) {
                out.add(c);
            }
        }
        if (out.size() > 50) {
            add("relatedCodes", "关联资源不得超过 50 个", "at most 50 related resources");
        }
        return out;
    }

    private String text(String field, String label, String value, boolean required, int max) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                add(field, label + "不能为空", field + " is required");
            }
            return null;
        }
        if (v.length() > max) {
            add(field, label + "不得超过 " + max + " 个字符（现为 " + v.length() + " 个）",
                    field + " has at most " + max + " characters (got " + v.length() + ")");
            return null;
        }
        return v;
    }

    private <E extends Enum<E> & Labelled> E term(String field, String label, Class<E> type, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, label + "不能为空", field + " is required");
            }
            return null;
        }
        Optional<E> e = Labelled.parse(type, value);
        if (e.isEmpty()) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name() + "（" + c.labelZh() + "）")
                    .collect(Collectors.joining("、"));
            add(field, label + "“" + echo(value) + "”无法识别，可选值：" + allowed,
                    "unknown " + field + " '" + echo(value) + "'; one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
        return e.get();
    }

    private <T> T parse(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidIdentifierException e) {
            add(field, e.messageZh(), e.messageEn());
            return null;
        }
    }
}
