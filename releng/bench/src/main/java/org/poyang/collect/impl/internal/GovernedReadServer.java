package org.poyang.collect.impl.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.eclipse.jetty.server.Server;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.collect.api.CollectSettings;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.Row;
import org.poyang.platform.calendar.internal.CalendarData;
import org.poyang.platform.calendar.internal.WorkingDayCalendarService;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.Decision;
import org.poyang.security.api.FieldCipher;
import org.poyang.security.api.ItemClass;
import org.poyang.security.api.MaskRule;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Role;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;
import org.poyang.security.impl.internal.JdbcAuditTrailAccess;

/**
 * Governed-read benchmark server (issue 4): one aggregation rows endpoint served twice by one CXF 4
 * bus in embedded Jetty 12, over the same store and the same 10,000 residents:
 * <ul>
 * <li>{@code /governed/collect/...}: as shipped, behind the shipped authentication filter (bearer
 * session looked up and checked on every call), the shipped policy enforcement point (the share rule,
 * with a durable audit record of every permitted read) and the shipped masking policy (identity
 * numbers, mobiles and names masked on the share route without a grant);</li>
 * <li>{@code /bypassed/collect/...}: the same resource class with security bypassed: no filter, a
 * policy enforcement point that permits without auditing, a masking policy that keeps everything.</li>
 * </ul>
 * The entry is open unconditionally and shared unconditionally, so that both routes can be measured.
 * Prints {@code ENTRY=<code>}, {@code TOKEN=<bearer token of another agency's staff member>},
 * {@code KEY=<an application key with scope open.read>} and {@code READY}.
 *
 * <pre>java ... org.poyang.collect.impl.internal.GovernedReadServer PORT WORKDIR</pre>
 */
public final class GovernedReadServer {

    private static final CreditCode PROVIDER = CreditCode.parse("123600000143600232");
    private static final String READER_AGENCY = "11360000MB0000001A";

    private GovernedReadServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        // Derby as the persistence bundle serves it inside the platform (settings, a pool of 10), for both sides
        javax.sql.DataSource ds = org.poyang.bench.PooledDerby.open(work.resolve("db"), "bench");
        org.poyang.bench.Schemas.migrate(ds, "db/org.poyang.collect.impl/changelog.xml");
        JdbcAuditTrailAccess.migrate(ds);
        AuditTrail audit = JdbcAuditTrailAccess.open(ds, work);
        FieldCipher cipher = JdbcAuditTrailAccess.cipher(work.resolve("field-keys.properties"));

        CatalogEntry entry = residents();
        CollectBench.OneEntryCatalog catalog = new CollectBench.OneEntryCatalog(entry);
        JdbcCollectService store = new JdbcCollectService(ds, catalog, cipher, audit,
                new WorkingDayCalendarService(CalendarData.shipped()), Clock.systemUTC());
        store.configure(entry.code(), new CollectSettings(List.of("居民编号"), false, false, CollectSettings.Cleaning.ALL, Map.of()), "bench");
        store.deliver(new Delivery(entry.code(), "residents", rows(10_000), "bench"));

        Object[] auth = JdbcAuditTrailAccess.authentication(ds, audit, cipher);
        AccountService accounts = (AccountService) auth[0];
        Authenticator authenticator = (Authenticator) auth[1];
        Object filter = auth[2];
        String password = "Governed-Read-2026!";
        accounts.create(new NewAccount("reader", "共享数据使用人", SubjectType.AGENCY_STAFF, READER_AGENCY, Set.of(Role.DATA_OFFICER), password),
                "bench");
        String token = authenticator.signIn("reader", password, null).token();
        // an application of a company reading open data with its key (scope open.read, a quota it never reaches)
        accounts.create(new NewAccount("developer", "数据应用开发者", SubjectType.LEGAL_PERSON, null, Set.of(Role.APPLICANT), password), "bench");
        String key = ((org.poyang.security.api.ApiKeyService) auth[3]).issue("developer", "基准测试应用", Set.of("open.read"), 10_000_000, null,
                "bench").secret();

        CollectResource governed = new CollectResource(store, catalog, JdbcAuditTrailAccess.pep(audit), JdbcAuditTrailAccess.masking());
        CollectResource bypassed = new CollectResource(store, catalog, permitAll(), keepAll());

        Map<String, Object> props = new HashMap<>();
        props.put("faultStackTraceEnabled", Boolean.FALSE);
        props.put("exceptionMessageCauseEnabled", Boolean.FALSE);
        props.put("default.wae.mapper.least.specific", Boolean.TRUE);
        ExtensionManagerBus bus = new ExtensionManagerBus(null, props, GovernedReadServer.class.getClassLoader());
        bus.initialize();
        BusFactory.setDefaultBus(bus);
        BusFactory.setThreadDefaultBus(bus);
        JacksonJsonProvider json = new JacksonJsonProvider(new ObjectMapper());
        Object problems = org.poyang.platform.rest.internal.BridgeProvidersAccess.problemMapper();
        JAXRSServerFactoryBean g = new JAXRSServerFactoryBean();
        g.setBus(bus);
        g.setAddress("/governed/collect");
        g.setServiceBean(governed);
        g.setProviders(List.of(json, problems, filter));
        g.create();
        JAXRSServerFactoryBean b = new JAXRSServerFactoryBean();
        b.setBus(bus);
        b.setAddress("/bypassed/collect");
        b.setServiceBean(bypassed);
        b.setProviders(List.of(json, problems));
        b.create();

        Server server = org.poyang.bench.BareCxfServer.serve(bus, port);
        System.out.println("ENTRY=" + entry.code().value());
        System.out.println("KEY=" + key);
        System.out.println("TOKEN=" + token);
        System.out.println("READY");
        System.out.flush();
        server.join();
    }

    /** Security bypassed: everything permitted, nothing audited. */
    private static PolicyEnforcementPoint permitAll() {
        return request -> Decision.permit("基准对照：不做安全检查", "benchmark baseline: security bypassed", "Art. 35");
    }

    /** Security bypassed: every value kept. */
    private static MaskingPolicy keepAll() {
        return new MaskingPolicy() {
            @Override
            public MaskRule ruleFor(ItemClass item, Subject subject, Route route) {
                return MaskRule.of(MaskRule.Algorithm.KEEP);
            }

            @Override
            public MaskPlan plan(List<ItemClass> items, Subject subject, Route route) {
                List<MaskRule> rules = items.stream().map(i -> MaskRule.of(MaskRule.Algorithm.KEEP)).toList();
                return new MaskPlan() {
                    @Override
                    public List<MaskRule> rules() {
                        return rules;
                    }

                    @Override
                    public String[] apply(String[] row) {
                        return row.clone();
                    }
                };
            }
        };
    }

    private static CatalogEntry residents() {
        List<DataItem> items = List.of(
                new DataItem("居民编号", DataType.STRING, 20, false, SensitiveType.NONE, Grade.general(1), PROVIDER),
                new DataItem("公民身份号码", DataType.STRING, 18, true, SensitiveType.ID_NUMBER, Grade.general(3), PROVIDER),
                new DataItem("姓名", DataType.STRING, 50, true, SensitiveType.NAME, Grade.general(3), PROVIDER),
                new DataItem("手机号码", DataType.STRING, 11, true, SensitiveType.MOBILE, Grade.general(3), PROVIDER),
                new DataItem("街道", DataType.STRING, 100, false, SensitiveType.NONE, Grade.general(1), PROVIDER),
                new DataItem("出生年份", DataType.INTEGER, null, false, SensitiveType.NONE, Grade.general(1), PROVIDER),
                new DataItem("登记日期", DataType.DATE, null, false, SensitiveType.NONE, Grade.general(1), PROVIDER),
                new DataItem("备注", DataType.STRING, 200, false, SensitiveType.NONE, Grade.general(1), PROVIDER));
        return new CatalogEntry(ResourceCode.of(new ClassificationCode("101001"), 77), new ClassificationCode("101001"), "居民基本信息（基准）",
                PROVIDER, "基准测试用信息资源", ResourceFormat.values()[0], items, ShareType.UNCONDITIONAL, null, ShareMethod.values()[0],
                null, OpenType.UNCONDITIONAL, null, null, null, UpdateFrequency.DAILY, LocalDate.of(2026, 1, 5), List.of(), List.of(),
                null, null, null, RegionCode.parse("360000"), Grade.general(3), EntryStatus.PUBLISHED, 1, Instant.now(), "bench");
    }

    private static List<Row> rows(int n) {
        Random r = new Random(7);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String[] surnames = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄"};
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int year = 1950 + r.nextInt(55);
            String first17 = "360102" + year + String.format("%02d%02d%03d", 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(1000));
            int sum = 0;
            for (int k = 0; k < 17; k++) {
                sum += (first17.charAt(k) - '0') * weights[k];
            }
            Map<String, String> v = new LinkedHashMap<>();
            v.put("居民编号", "R" + i);
            v.put("公民身份号码", first17 + "10X98765432".charAt(sum % 11));
            v.put("姓名", surnames[r.nextInt(surnames.length)] + "某某");
            v.put("手机号码", "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000)));
            v.put("街道", "南昌市东湖区八一大道" + (1 + r.nextInt(500)) + "号");
            v.put("出生年份", Integer.toString(year));
            v.put("登记日期", "2026-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10));
            v.put("备注", r.nextInt(5) == 0 ? "联系电话见手机号码" : "资料齐全");
            rows.add(Row.upsert(v));
        }
        return rows;
    }
}
