package org.poyang.catalog.impl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryDraft.ItemDraft;
import org.poyang.catalog.api.NewAgency;

/**
 * Synthetic agencies and catalog entries for large benchmark catalogs (100,000 entries and more):
 * Chinese names, abstracts and data items combined from vocabularies of several hundred words, so that
 * full-text search meets varied text. Every draft passes the catalog's rules: valid identifiers and
 * enumerations, one collecting agency per item name (Art. 12, the collector is chosen from the item
 * name's hash over the agency list), and personal items only in entries that are not open (Art. 17).
 * <p>
 * A generator is a deterministic sequence: the same seed and the same calls give the same results.
 */
final class CatalogGenerator {

    /** Organisation-code prefix of generated agencies; the demo catalog's codes start with a digit. */
    private static final String ORGANISATION_PREFIX = "G";
    /** Agencies at province level before the city agencies begin. */
    private static final int PROVINCE_AGENCIES = 8;

    private static final String[] CITY_CODES = {"360100", "360200", "360300", "360400", "360500", "360600", "360700",
            "360800", "360900", "361000", "361100"};
    private static final String[] CITY_NAMES = {"南昌市", "景德镇市", "萍乡市", "九江市", "新余市", "鹰潭市", "赣州市", "吉安市",
            "宜春市", "抚州市", "上饶市"};
    private static final String[][] COUNTIES = {
            {"东湖区", "西湖区", "青云谱区", "青山湖区", "新建区", "红谷滩区", "南昌县", "安义县", "进贤县"},
            {"昌江区", "珠山区", "浮梁县", "乐平市"},
            {"安源区", "湘东区", "莲花县", "上栗县", "芦溪县"},
            {"濂溪区", "浔阳区", "柴桑区", "武宁县", "修水县", "永修县", "德安县", "都昌县", "湖口县", "彭泽县", "瑞昌市", "共青城市", "庐山市"},
            {"渝水区", "分宜县"},
            {"月湖区", "余江区", "贵溪市"},
            {"章贡区", "南康区", "赣县区", "信丰县", "大余县", "上犹县", "崇义县", "安远县", "定南县", "全南县", "宁都县", "于都县",
                    "兴国县", "会昌县", "寻乌县", "石城县", "瑞金市", "龙南市"},
            {"吉州区", "青原区", "吉安县", "吉水县", "峡江县", "新干县", "永丰县", "泰和县", "遂川县", "万安县", "安福县", "永新县", "井冈山市"},
            {"袁州区", "奉新县", "万载县", "上高县", "宜丰县", "靖安县", "铜鼓县", "丰城市", "樟树市", "高安市"},
            {"临川区", "东乡区", "南城县", "黎川县", "南丰县", "崇仁县", "乐安县", "宜黄县", "金溪县", "资溪县", "广昌县"},
            {"信州区", "广丰区", "广信区", "玉山县", "铅山县", "横峰县", "弋阳县", "余干县", "鄱阳县", "万年县", "婺源县", "德兴市"}};

    /** Departments as named at province level; cities replace a final 厅 by 局. */
    private static final String[] DEPARTMENTS = {"数据局", "发展和改革委员会", "公安厅", "市场监督管理局", "自然资源厅", "生态环境厅",
            "交通运输厅", "卫生健康委员会", "人力资源和社会保障厅", "民政厅", "教育厅", "住房和城乡建设厅", "水利厅", "农业农村厅",
            "文化和旅游厅", "财政厅", "商务厅", "工业和信息化厅", "科学技术厅", "司法厅", "审计厅", "应急管理厅", "退役军人事务厅",
            "林业局", "统计局", "医疗保障局", "体育局", "粮食和物资储备局", "能源局", "信访局", "机关事务管理局", "城市管理局",
            "药品监督管理局", "地方金融管理局", "国防动员办公室", "住房公积金管理中心", "公共资源交易中心", "大数据中心",
            "政务服务中心", "气象局"};

    private static final String[] TOPICS = {"企业", "个体工商户", "农民专业合作社", "社会组织", "事业单位", "食品生产企业", "餐饮门店",
            "药品零售企业", "医疗器械", "化妆品", "特种设备", "电梯", "燃气管网", "供水管网", "排水管网", "污水处理厂", "垃圾处理设施",
            "公共厕所", "停车场", "充电桩", "加油站", "公交站台", "地铁站点", "出租汽车", "网约车", "共享单车", "货运车辆", "危险货物运输",
            "高速公路", "国省干线", "农村公路", "桥梁隧道", "内河航道", "港口码头", "民航机场", "铁路站点", "物流园区", "冷链仓储",
            "工业园区", "开发区", "高新技术企业", "专精特新企业", "规模以上工业企业", "外资企业", "进出口企业", "电子商务", "数字经济",
            "软件企业", "通信基站", "政务服务事项", "便民服务中心", "不动产", "国有土地", "集体土地", "耕地", "林地", "草地", "湿地",
            "自然保护地", "风景名胜区", "森林公园", "地质公园", "矿产资源", "地质灾害", "水土流失", "河湖岸线", "水库大坝", "堤防",
            "灌区", "饮用水水源地", "鄱阳湖", "赣江", "抚河", "信江", "饶河", "修河", "庐山", "井冈山", "三清山", "龙虎山", "武功山",
            "环境空气", "地表水", "土壤环境", "声环境", "辐射环境", "危险废物", "固体废物", "排污单位", "碳排放", "新能源", "光伏电站",
            "电力设施", "学校", "幼儿园", "职业院校", "高等学校", "培训机构", "图书馆", "博物馆", "文化馆", "体育场馆", "全民健身设施",
            "旅游景区", "红色旅游景点", "乡村旅游点", "民宿", "星级饭店", "旅行社", "非物质文化遗产", "文物保护单位", "传统村落", "医院",
            "基层医疗卫生机构", "疾病预防控制", "妇幼保健", "养老机构", "托育机构", "残疾人服务", "社区服务", "城乡低保", "特困供养",
            "退役军人服务", "就业见习基地", "职业技能培训", "人才公寓", "保障性住房", "老旧小区改造", "物业小区", "建筑工地", "农产品",
            "茶叶", "赣南脐橙", "稻谷", "生猪", "水产养殖", "油茶", "蔬菜基地", "农业机械", "高标准农田", "农村供水", "应急避难场所",
            "消防救援站", "安全生产", "防汛抗旱", "森林防火", "陶瓷产业", "稀土产业", "有色金属", "铜产业", "航空产业", "电子信息",
            "中医药", "公共资源交易", "政府采购", "招标投标", "财政资金", "惠民惠农补贴", "信用承诺", "守信激励", "失信惩戒"};

    private static final String[] NOUNS = {"基本信息", "登记信息", "名录", "分布信息", "许可信息", "备案信息", "监测数据", "统计数据",
            "普查数据", "检查结果", "抽检结果", "处罚信息", "投诉举报信息", "年报信息", "评价结果", "资质信息", "项目信息", "规划信息",
            "运行数据", "台账", "预警信息", "补贴发放信息", "服务信息", "认定信息", "变更记录", "注销信息", "考核结果", "巡查记录",
            "整改情况", "验收信息", "空间数据", "专题图层", "业务办理信息", "资金使用情况", "建设进度", "隐患排查信息", "应急预案",
            "公示信息", "信用信息", "价格信息", "质量报告", "能耗数据", "客流数据", "产量统计", "档案"};

    private static final String[] QUALIFIERS = {"年度", "月度", "季度", "实时", "历史", "重点", "新建", "存量", "城区", "农村", "全域",
            "省级", "市级", "县级", "2024年", "2025年", "2026年", "近三年"};

    private static final String[] KEYWORDS = {"数字政府", "营商环境", "乡村振兴", "生态文明", "民生保障", "公共安全", "城市治理",
            "数据共享", "数据开放", "一网通办", "一网统管", "放管服", "双碳", "长江经济带", "革命老区", "赣南苏区", "鄱阳湖生态经济区",
            "昌九一体化", "赣江新区", "智慧城市", "基层治理", "防灾减灾", "产业升级", "绿色发展", "普惠金融", "公共服务"};

    private static final String[] PHRASES = {"涵盖主要业务环节的办理结果", "数据来源于业务系统自动归集", "经过清洗比对和质量校验",
            "支撑跨部门协同监管", "服务营商环境持续优化", "可用于政策制定和决策分析", "助力数字江西建设", "按照国家标准规范编目",
            "面向企业和群众提供查询服务", "为基层治理提供数据支撑", "支持按区划和时间维度统计", "纳入省一体化数据平台统一管理",
            "与电子证照库关联比对", "可与法人基础数据库关联使用", "满足事中事后监管需要", "用于风险预警和研判分析",
            "记录每次变更的时间和原因", "历史数据追溯至二〇一八年", "每条记录均有唯一标识", "已完成敏感信息识别和分级",
            "在鄱阳湖生态经济区先行试点", "服务长江经济带绿色发展", "支撑赣南苏区振兴发展", "配合防汛抗旱指挥调度",
            "为乡村振兴提供基础数据", "支撑城市运行一网统管", "支持政务服务一网通办", "为科研机构开展研究提供样本",
            "便于社会公众监督", "由业务处室负责日常维护", "定期开展数据质量评估", "依托政务外网传输", "按月形成统计报表",
            "包含空间坐标便于地图展示", "可通过开放平台接口获取", "适用于产业分析和招商引资", "反映全省总体发展态势",
            "覆盖省市县三级数据", "与国家部委数据定期对账", "支撑信用分级分类监管"};

    private static final String[] FORMATS = {"FILE", "DATABASE", "API", "SPREADSHEET", "GEOSPATIAL"};
    private static final String[] FREQUENCIES = {"REAL_TIME", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY", "IRREGULAR"};
    private static final String[] SHARE_METHODS = {"API", "BULK_DOWNLOAD", "FILE_EXCHANGE", "DATABASE_SYNC"};
    private static final String[] BASE_DATABASES = {"POPULATION", "LEGAL_PERSON", "CREDIT", "E_LICENCE", "SPATIAL"};
    private static final String[] PRIORITIES = {"SOCIO_ECONOMIC", "ENVIRONMENT", "DIGITAL_ECONOMY", "OTHER_BY_LAW"};
    private static final String[] THEMATIC = {"生态环境专题库", "交通出行专题库", "医疗健康专题库", "社会保障专题库", "教育专题库",
            "文化旅游专题库", "社会信用专题库", "乡村振兴专题库", "自然资源专题库", "应急管理专题库", "城市治理专题库", "产业经济专题库"};
    private static final String[] SHARE_CONDITIONS = {"仅限政务部门为履行法定职责申请使用，经提供部门审核同意后共享",
            "按最小必要原则申请，限于核验比对，不得批量留存", "使用部门须签订数据安全保护协议，明确使用范围和期限"};
    private static final String[] LEGAL_BASES = {"《江西省公共数据管理办法》第二十二条", "《中华人民共和国数据安全法》第三十八条；《江西省公共数据管理办法》第二十二条",
            "《中华人民共和国个人信息保护法》第三十四条；《江西省公共数据管理办法》第二十二条"};
    private static final String[] OPEN_CONDITIONS = {"申请人须在江西省公共数据开放平台实名注册并签订开放利用协议",
            "面向科研机构和企业开放，须说明使用目的并承诺数据安全保护措施"};

    /** Subjects of the ~2,000 non-personal item names, each combined with every attribute. */
    private static final String[] ITEM_SUBJECTS = {"企业", "项目", "机构", "设施", "站点", "车辆", "设备", "许可", "证书", "案件",
            "河段", "地块", "学校", "医院", "景区", "合同", "资金", "补贴", "工程", "监测点", "网点", "场所", "产品", "资产", "线路",
            "园区", "基地", "仓库", "船舶", "管网", "房屋", "林班", "水体", "商户", "市场", "平台", "合作社", "服务", "活动", "预警",
            "报告", "评价", "申请", "订单", "账户", "样品", "指标", "事件", "隐患", "档案"};
    /** Attributes: name suffix, type, length (for strings) and grade. */
    private static final String[][] ITEM_ATTRIBUTES = {{"名称", "STRING", "200", "GENERAL_1"}, {"编号", "STRING", "50", "GENERAL_1"},
            {"代码", "STRING", "30", "GENERAL_1"}, {"类型", "STRING", "50", "GENERAL_1"}, {"类别", "STRING", "50", "GENERAL_1"},
            {"状态", "STRING", "20", "GENERAL_1"}, {"地址", "STRING", "200", "GENERAL_1"}, {"所属区划代码", "STRING", "6", "GENERAL_1"},
            {"经度", "DECIMAL", null, "GENERAL_1"}, {"纬度", "DECIMAL", null, "GENERAL_1"}, {"面积", "DECIMAL", null, "GENERAL_1"},
            {"数量", "INTEGER", null, "GENERAL_1"}, {"金额", "DECIMAL", null, "GENERAL_2"}, {"登记日期", "DATE", null, "GENERAL_1"},
            {"批准日期", "DATE", null, "GENERAL_1"}, {"有效期止", "DATE", null, "GENERAL_1"}, {"更新时间", "DATETIME", null, "GENERAL_1"},
            {"负责单位", "STRING", "200", "GENERAL_1"}, {"主管部门", "STRING", "100", "GENERAL_1"}, {"等级", "STRING", "10", "GENERAL_1"},
            {"规模", "STRING", "100", "GENERAL_1"}, {"用途", "STRING", "100", "GENERAL_1"}, {"说明", "STRING", "1000", "GENERAL_1"},
            {"备注", "STRING", "500", "GENERAL_1"}, {"总数", "INTEGER", null, "GENERAL_1"}, {"年度", "INTEGER", null, "GENERAL_1"},
            {"检查结果", "STRING", "200", "GENERAL_2"}, {"评分", "DECIMAL", null, "GENERAL_2"}, {"占比", "DECIMAL", null, "GENERAL_1"},
            {"开始日期", "DATE", null, "GENERAL_1"}, {"结束日期", "DATE", null, "GENERAL_1"}, {"是否有效", "BOOLEAN", null, "GENERAL_1"},
            {"是否公开", "BOOLEAN", null, "GENERAL_1"}, {"来源", "STRING", "100", "GENERAL_1"}, {"批次", "STRING", "20", "GENERAL_1"},
            {"容量", "DECIMAL", null, "GENERAL_1"}, {"长度", "DECIMAL", null, "GENERAL_1"}, {"投资额", "DECIMAL", null, "GENERAL_2"},
            {"人数", "INTEGER", null, "GENERAL_1"}, {"处理结果", "STRING", "200", "GENERAL_2"}};
    /** Persons of the personal item names. */
    private static final String[] PERSON_SUBJECTS = {"负责人", "联系人", "申请人", "经办人", "投诉人", "当事人", "持证人", "从业人员",
            "监护人", "受益人"};
    /** Personal attributes: suffix, type, length, identifies a person, sensitive type, grade. */
    private static final String[][] PERSON_ATTRIBUTES = {{"姓名", "STRING", "50", "true", "NAME", "GENERAL_3"},
            {"身份证件号码", "STRING", "18", "true", "ID_NUMBER", "GENERAL_4"}, {"手机号码", "STRING", "11", "false", "MOBILE", "GENERAL_3"},
            {"住址", "STRING", "200", "false", "ADDRESS", "GENERAL_3"}, {"电子邮箱", "STRING", "100", "false", "EMAIL", "GENERAL_3"},
            {"银行账号", "STRING", "30", "false", "BANK_CARD", "GENERAL_4"}, {"车牌号码", "STRING", "10", "false", "LICENCE_PLATE", "GENERAL_3"}};

    private static final List<String> ITEM_NAMES = names(ITEM_SUBJECTS, ITEM_ATTRIBUTES);
    private static final List<String> PERSON_ITEM_NAMES = names(PERSON_SUBJECTS, PERSON_ATTRIBUTES);

    private final Random rng;

    CatalogGenerator(long seed) {
        this.rng = new Random(seed);
    }

    /**
     * {@code count} agencies with valid, distinct credit codes: the first eight at province level
     * (360000), the others at city level spread over the eleven cities of Jiangxi. Names and codes
     * depend only on the position in the list, so a longer list begins with a shorter one; no agency
     * has a parent.
     */
    List<NewAgency> agencies(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one agency");
        }
        List<NewAgency> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String region;
            String level;
            String name;
            String department;
            if (i < PROVINCE_AGENCIES) {
                region = "360000";
                level = "PROVINCE";
                department = DEPARTMENTS[i];
                name = "江西省" + department;
            } else {
                int k = i - PROVINCE_AGENCIES;
                int city = k % CITY_CODES.length;
                int slot = k / CITY_CODES.length;
                region = CITY_CODES[city];
                level = "CITY";
                department = DEPARTMENTS[slot % DEPARTMENTS.length];
                String cityDepartment = department.endsWith("厅") ? department.substring(0, department.length() - 1) + "局" : department;
                int round = slot / DEPARTMENTS.length;
                name = CITY_NAMES[city] + cityDepartment + (round == 0 ? "" : "第" + (round + 1) + "分支机构");
            }
            char category = department.endsWith("中心") ? '2' : '1'; // public institutions (事业单位) are category 2
            String code = DemoCatalog.creditCode('1', category, region, DemoCatalog.organisation(ORGANISATION_PREFIX, i + 1));
            out.add(new NewAgency(code, name, region, level, null));
        }
        return out;
    }

    /**
     * {@code count} entry drafts whose providers and collecting agencies are among {@code agencies}.
     * Each item name has one collecting agency, chosen from the name's hash over {@code agencies}, so
     * Art. 12 holds within one call and across calls with the same agency list.
     */
    List<EntryDraft> entries(List<NewAgency> agencies, int count) {
        if (agencies.isEmpty()) {
            throw new IllegalArgumentException("at least one agency");
        }
        ItemDraft[] items = items(ITEM_NAMES, agencies, n -> ITEM_ATTRIBUTES[n % ITEM_ATTRIBUTES.length], false);
        ItemDraft[] personal = items(PERSON_ITEM_NAMES, agencies, n -> PERSON_ATTRIBUTES[n % PERSON_ATTRIBUTES.length], true);
        String[] regionNames = new String[agencies.size()];
        String[] cityScopes = new String[agencies.size()];
        String[] provinceScopes = new String[agencies.size()];
        int[] counties = new int[agencies.size()];
        for (int i = 0; i < agencies.size(); i++) {
            String region = agencies.get(i).regionCode().strip();
            int city = Arrays.asList(CITY_CODES).indexOf(region.substring(0, 4) + "00");
            regionNames[i] = city >= 0 ? CITY_NAMES[city] : "江西省";
            counties[i] = city;
            provinceScopes[i] = region.substring(0, 2) + "0000";
            cityScopes[i] = region.endsWith("0000") ? provinceScopes[i] : region.substring(0, 4) + "00";
        }
        List<EntryDraft> out = new ArrayList<>(count);
        int[] picked = new int[12];
        for (int e = 0; e < count; e++) {
            int a = rng.nextInt(agencies.size());
            String provider = agencies.get(a).creditCode();
            String topic = TOPICS[rng.nextInt(TOPICS.length)];
            String noun = NOUNS[rng.nextInt(NOUNS.length)];
            String qualifier = rng.nextInt(10) < 4 ? QUALIFIERS[rng.nextInt(QUALIFIERS.length)] : "";
            String place = regionNames[a];
            if (counties[a] >= 0 && rng.nextInt(10) < 3) {
                String[] cs = COUNTIES[counties[a]];
                place += cs[rng.nextInt(cs.length)];
            }
            String name = place + qualifier + topic + noun;
            String summary = summary(place, topic, noun);

            // Classification: category 1-3, class 01-15, group 001-040 and, for one in ten, a sub-group.
            int category = 1 + rng.nextInt(3);
            int cls = 1 + rng.nextInt(15);
            StringBuilder classification = new StringBuilder(9).append(category);
            pad(classification, cls, 2);
            pad(classification, 1 + rng.nextInt(40), 3);
            if (rng.nextInt(10) == 0) {
                pad(classification, 1 + rng.nextInt(20), 3);
            }

            int o = rng.nextInt(10);
            String openType = o < 5 ? "UNCONDITIONAL" : o < 8 ? "CONDITIONAL" : "NOT_OPEN";
            int s = rng.nextInt(20);
            String shareType = s < 13 ? "UNCONDITIONAL" : s < 19 ? "CONDITIONAL" : "NOT_SHARED";

            // 3-10 distinct items; entries that are not open may also hold one or two personal items.
            int n = 3 + rng.nextInt(8);
            int personalCount = openType.equals("NOT_OPEN") && rng.nextBoolean() ? 1 + rng.nextInt(2) : 0;
            ItemDraft[] chosen = new ItemDraft[n];
            int highest = 1;
            for (int i = 0; i < n; i++) {
                boolean person = i >= n - personalCount;
                ItemDraft[] pool = person ? personal : items;
                int p;
                do {
                    p = rng.nextInt(pool.length) + (person ? items.length : 0);
                } while (contains(picked, i, p));
                picked[i] = p;
                chosen[i] = person ? personal[p - items.length] : items[p];
                highest = Math.max(highest, chosen[i].grade().charAt(chosen[i].grade().length() - 1) - '0');
            }

            String format = FORMATS[rng.nextInt(FORMATS.length)];
            String frequency = FREQUENCIES[rng.nextInt(FREQUENCIES.length)];
            String shareConditions = shareType.equals("CONDITIONAL") ? SHARE_CONDITIONS[rng.nextInt(SHARE_CONDITIONS.length)] : null;
            String legalBasis = shareType.equals("UNCONDITIONAL") ? null : LEGAL_BASES[rng.nextInt(LEGAL_BASES.length)];
            String shareMethod = shareType.equals("NOT_SHARED") ? null : SHARE_METHODS[rng.nextInt(SHARE_METHODS.length)];
            String openConditions = openType.equals("CONDITIONAL") ? OPEN_CONDITIONS[rng.nextInt(OPEN_CONDITIONS.length)] : null;
            String base = category == 1 ? BASE_DATABASES[cls % BASE_DATABASES.length] : null;
            String thematic = category == 2 ? THEMATIC[cls % THEMATIC.length] : null;
            String priority = !openType.equals("NOT_OPEN") && rng.nextBoolean() ? PRIORITIES[rng.nextInt(PRIORITIES.length)] : null;
            String scope = rng.nextBoolean() ? cityScopes[a] : provinceScopes[a];
            String grade = rng.nextInt(10) == 0 ? "GENERAL_" + Math.max(highest, 1 + rng.nextInt(4)) : null;

            List<String> keywords = keywords(topic, noun, qualifier, regionNames[a]);
            out.add(new EntryDraft(classification.toString(), name, provider, summary, format, List.of(chosen), shareType,
                    shareConditions, shareMethod, legalBasis, openType, openConditions, null, null, frequency, null, keywords,
                    base, thematic, priority, scope, grade));
        }
        return out;
    }

    private String summary(String place, String topic, String noun) {
        StringBuilder sb = new StringBuilder(128).append("本资源汇聚").append(place).append(topic).append(noun).append('，');
        int target = 40 + rng.nextInt(70);
        long used = 0; // phrases already in this summary (PHRASES has fewer than 64)
        while (sb.length() < target) {
            int i = rng.nextInt(PHRASES.length);
            if ((used & 1L << i) != 0) {
                continue;
            }
            used |= 1L << i;
            String p = PHRASES[i];
            if (sb.length() + p.length() + 1 > 120) {
                break;
            }
            sb.append(p).append('，');
        }
        sb.setCharAt(sb.length() - 1, '。');
        return sb.toString();
    }

    private List<String> keywords(String topic, String noun, String qualifier, String region) {
        Set<String> k = new LinkedHashSet<>(8);
        k.add(topic);
        k.add(noun);
        int extra = rng.nextInt(4);
        if (extra > 0) {
            k.add(region);
        }
        if (extra > 1) {
            k.add(KEYWORDS[rng.nextInt(KEYWORDS.length)]);
        }
        if (extra > 2 && !qualifier.isEmpty()) {
            k.add(qualifier);
        }
        return List.copyOf(k);
    }

    private static boolean contains(int[] picked, int upTo, int value) {
        for (int i = 0; i < upTo; i++) {
            if (picked[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(v);
    }

    /** Subject x attribute names, in attribute-major order within each subject; distinct by construction. */
    private static List<String> names(String[] subjects, String[][] attributes) {
        List<String> out = new ArrayList<>(subjects.length * attributes.length);
        for (String s : subjects) {
            for (String[] a : attributes) {
                out.add(s + a[0]);
            }
        }
        if (new LinkedHashSet<>(out).size() != out.size()) {
            throw new IllegalStateException("item vocabulary repeats a name: "
                    + out.stream().collect(Collectors.groupingBy(x -> x, Collectors.counting())).entrySet().stream()
                            .filter(x -> x.getValue() > 1).map(Map.Entry::getKey).toList());
        }
        return out;
    }

    /** The item drafts of a vocabulary, each with the collector its name's hash picks from {@code agencies}. */
    private static ItemDraft[] items(List<String> names, List<NewAgency> agencies, Function<Integer, String[]> attribute,
            boolean person) {
        ItemDraft[] out = new ItemDraft[names.size()];
        for (int n = 0; n < out.length; n++) {
            String name = names.get(n);
            String[] a = attribute.apply(n);
            String collector = agencies.get(Math.floorMod(name.hashCode(), agencies.size())).creditCode();
            out[n] = person ? new ItemDraft(name, a[1], a[2], a[3], a[4], a[5], collector)
                    : new ItemDraft(name, a[1], a[2], "false", "NONE", a[3], collector);
        }
        return out;
    }

    /**
     * Words that occur in generated names, abstracts, keywords and item names, for benchmark queries:
     * what a user would type (topics, nouns, qualifiers, keywords, city names, item subjects).
     */
    static List<String> queryVocabulary() {
        java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
        for (String[] list : new String[][] {TOPICS, NOUNS, QUALIFIERS, KEYWORDS, CITY_NAMES, ITEM_SUBJECTS}) {
            for (String w : list) {
                if (w.length() >= 2) {
                    words.add(w);
                }
            }
        }
        return List.copyOf(words);
    }
}
