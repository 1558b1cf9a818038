package org.poyang.share.impl.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
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
import org.poyang.collect.api.RowMarker;
import org.poyang.collect.impl.internal.CollectBench;
import org.poyang.collect.impl.internal.CollectResource;
import org.poyang.collect.impl.internal.JdbcCollectServiceAccess;
import org.poyang.platform.calendar.internal.CalendarData;
import org.poyang.platform.calendar.internal.WorkingDayCalendarService;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.FieldCipher;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.NewGrant;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Role;
import org.poyang.security.api.Route;
import org.poyang.security.api.SubjectType;
import org.poyang.security.impl.internal.JdbcAuditTrailAccess;

/**
 * Granted-read benchmark server (issue 7): the same page of rows of a conditionally shared entry served
 * four ways by one CXF 4 bus in embedded Jetty 12, over one store of 10,000 subsidy records:
 * <ul>
 * <li>{@code /bare/rest/...} and {@code /bare/soap/share}: bare CXF JAX-RS and JAX-WS endpoints that read the
 * same page of the granted items with plain JDBC from the entry's data table and return it in the same
 * shape, with no authentication, policy, masking, audit or fingerprint;</li>
 * <li>{@code /governed/collect/...} and {@code /governed/soap/share}: the shipped aggregation resource (share
 * route) and the shipped share SOAP service, behind the shipped authentication filter or SOAP credentials,
 * the shipped policy enforcement point checking the grant (holder, items, route, purpose, expiry) with a
 * durable audit record of every read, the shipped masking policy and the shipped fingerprint of every
 * delivered decimal value, usage counted.</li>
 * </ul>
 * Prints {@code ENTRY}, {@code TOKEN} (a bearer session of the using agency's staff), {@code GRANT},
 * {@code PURPOSE} and {@code READY}.
 *
 * <pre>java ... org.poyang.share.impl.internal.GrantedShareServer PORT WORKDIR</pre>
 */
public final class GrantedShareServer {

    static final CreditCode PROVIDER = CreditCode.parse("123600000143600232");
    static final String USER_AGENCY = "11360000MB0000001A";
    static final String PURPOSE = "城乡居民医疗保险参保资助核验";
    /** The granted items, in catalog order: what both sides return. */
    static final List<String> GRANTED = List.of("户号", "补助金额", "住房面积", "发放日期", "家庭人口");

    private GrantedShareServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        java.nio.file.Path work = java.nio.file.Path.of(args[1]);
        Files.createDirectories(work);
        // Derby as the persistence bundle serves it inside the platform, for both sides
        DataSource ds = org.poyang.bench.PooledDerby.open(work.resolve("db"), "bench");
        org.poyang.bench.Schemas.migrate(ds, "db/org.poyang.collect.impl/changelog.xml");
        org.poyang.bench.Schemas.migrate(ds, "db/org.poyang.share.impl/changelog.xml");
        JdbcAuditTrailAccess.migrate(ds);
        AuditTrail audit = JdbcAuditTrailAccess.open(ds, work);
        FieldCipher cipher = JdbcAuditTrailAccess.cipher(work.resolve("field-keys.properties"));

        CatalogEntry entry = subsidies();
        CollectBench.OneEntryCatalog catalog = new CollectBench.OneEntryCatalog(entry);
        var store = JdbcCollectServiceAccess.create(ds, catalog, cipher, audit, new WorkingDayCalendarService(CalendarData.shipped()),
                Clock.systemUTC());
        store.configure(entry.code(), new CollectSettings(List.of("户号"), false, false, CollectSettings.Cleaning.ALL, Map.of()), "bench");
        store.deliver(new Delivery(entry.code(), "subsidies", rows(10_000), "bench"));

        Object[] auth = JdbcAuditTrailAccess.authentication(ds, audit, cipher);
        AccountService accounts = (AccountService) auth[0];
        Authenticator authenticator = (Authenticator) auth[1];
        Object filter = auth[2];
        String password = "Granted-Read-2026!";
        accounts.create(new NewAccount("system-b", "医保局核验系统", SubjectType.AGENCY_STAFF, USER_AGENCY, Set.of(Role.DATA_OFFICER), password),
                "bench");
        String token = authenticator.signIn("system-b", password, null).token();
        GrantService grants = JdbcAuditTrailAccess.grants(ds, audit);
        Grant grant = grants.issue(new NewGrant(Grant.Kind.SHARE, USER_AGENCY, entry.code().value(), Set.copyOf(GRANTED),
                Set.of(Route.SHARE_API), PURPOSE, "《江西省城乡居民基本医疗保险实施办法》规定的参保资助核验职责", Instant.now().plus(30, ChronoUnit.DAYS),
                "仅用于参保资助核验", "bench"), "bench");
        PolicyEnforcementPoint pep = JdbcAuditTrailAccess.pep(audit, grants);
        MaskingPolicy masking = JdbcAuditTrailAccess.masking();
        ShareLedger ledger = new ShareLedger(ds, null, catalog, grants, pep, audit, cipher);

        CollectResource rest = new CollectResource(store, catalog, pep, masking);
        Field marker = CollectResource.class.getDeclaredField("marker");
        marker.setAccessible(true);
        marker.set(rest, ledger);
        ShareSoapService soap = new ShareSoapService(catalog, store, null, null, grants, authenticator, pep, masking, ledger);

        Map<String, Object> props = new HashMap<>();
        props.put("faultStackTraceEnabled", Boolean.FALSE);
        props.put("exceptionMessageCauseEnabled", Boolean.FALSE);
        props.put("default.wae.mapper.least.specific", Boolean.TRUE);
        ExtensionManagerBus bus = new ExtensionManagerBus(null, props, GrantedShareServer.class.getClassLoader());
        bus.initialize();
        BusFactory.setDefaultBus(bus);
        BusFactory.setThreadDefaultBus(bus);
        JacksonJsonProvider json = new JacksonJsonProvider(new ObjectMapper());
        Object problems = org.poyang.platform.rest.internal.BridgeProvidersAccess.problemMapper();

        JAXRSServerFactoryBean g = new JAXRSServerFactoryBean();
        g.setBus(bus);
        g.setAddress("/governed/collect");
        g.setServiceBean(rest);
        g.setProviders(List.of(json, problems, filter));
        g.create();
        JaxWsServerFactoryBean gs = new JaxWsServerFactoryBean();
        gs.setBus(bus);
        gs.setAddress("/governed/soap/share");
        gs.setServiceBean(soap);
        gs.setServiceClass(ShareSoapService.class);
        gs.getOutFaultInterceptors().add(org.poyang.platform.rest.internal.BridgeProvidersAccess.problemFault());
        gs.create();

        String table = "COLD_" + JdbcCollectServiceAccess.tableNo(ds, entry.code().value());
        BareRest bareRest = new BareRest(ds, table, entry);
        JAXRSServerFactoryBean b = new JAXRSServerFactoryBean();
        b.setBus(bus);
        b.setAddress("/bare/rest");
        b.setServiceBean(bareRest);
        b.setProviders(List.of(json));
        b.create();
        JaxWsServerFactoryBean bs = new JaxWsServerFactoryBean();
        bs.setBus(bus);
        bs.setAddress("/bare/soap/share");
        bs.setServiceBean(new BareSoap(bareRest));
        bs.setServiceClass(BareSoap.class);
        bs.create();

        Server server = org.poyang.bench.BareCxfServer.serve(bus, port);
        System.out.println("ENTRY=" + entry.code().value());
        System.out.println("TOKEN=" + token);
        System.out.println("GRANT=" + grant.id());
        System.out.println("PURPOSE=" + PURPOSE);
        System.out.println("READY");
        System.out.flush();
        server.join();
    }

    /** Bare CXF JAX-RS: the same page of the granted items by plain JDBC, in the aggregation API's shape. */
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class BareRest {

        private final DataSource ds;
        private final String select;
        private final boolean[] decimal;
        /** Counted once: the data does not change during the run (Poyang keeps a count cache of its own). */
        private final long total;

        BareRest(DataSource ds, String table, CatalogEntry entry) {
            this.ds = ds;
            StringBuilder cols = new StringBuilder();
            for (int i = 0; i < entry.items().size(); i++) {
                if (GRANTED.contains(entry.items().get(i).name())) {
                    cols.append(cols.length() == 0 ? "" : ", ").append('C').append(i + 1);
                }
            }
            this.select = "SELECT " + cols + " FROM " + table + " ORDER BY ROW_KEY OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            this.decimal = new boolean[GRANTED.size()];
            for (int i = 0; i < GRANTED.size(); i++) {
                String name = GRANTED.get(i);
                decimal[i] = entry.items().stream().anyMatch(it -> it.name().equals(name) && it.dataType() == DataType.DECIMAL);
            }
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                this.total = rs.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @GET
        @Path("entries/{cls}/{seq}/rows")
        public CollectResource.RowPage rows(@PathParam("cls") String cls, @PathParam("seq") String seq,
                @QueryParam("offset") @DefaultValue("0") long offset, @QueryParam("limit") @DefaultValue("100") long limit) throws Exception {
            List<Map<String, String>> rows = new ArrayList<>();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(select)) {
                ps.setLong(1, offset);
                ps.setLong(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, String> m = new LinkedHashMap<>();
                        for (int i = 0; i < GRANTED.size(); i++) {
                            // values as they were delivered: a decimal without the column's trailing zeros
                            m.put(GRANTED.get(i), decimal[i] ? plain(rs.getBigDecimal(i + 1)) : rs.getString(i + 1));
                        }
                        rows.add(m);
                    }
                }
            }
            return new CollectResource.RowPage(total, offset, limit, GRANTED, rows);
        }

        private static String plain(java.math.BigDecimal d) {
            return d == null ? null : d.stripTrailingZeros().toPlainString();
        }
    }

    /** Bare CXF JAX-WS: the same operation and message shape as the share SOAP service's readRows. */
    @WebService(name = "SharePort", serviceName = "BareShareService", targetNamespace = ShareSoapService.NAMESPACE)
    public static class BareSoap {

        private final BareRest rows;

        public BareSoap() {
            this(null);
        }

        BareSoap(BareRest rows) {
            this.rows = rows;
        }

        @WebMethod
        @WebResult(name = "page")
        public ShareSoapService.Page readRows(@WebParam(name = "code") String code, @WebParam(name = "purpose") String purpose,
                @WebParam(name = "grant") String grant, @WebParam(name = "offset") Long offset, @WebParam(name = "limit") Long limit)
                throws Exception {
            String[] parts = code.split("/");
            CollectResource.RowPage p = rows.rows(parts[0], parts[1], offset == null ? 0 : offset, limit == null ? 100 : limit);
            ShareSoapService.Page page = new ShareSoapService.Page();
            page.total = p.total();
            page.offset = p.offset();
            page.limit = p.limit();
            page.column.addAll(p.columns());
            for (Map<String, String> r : p.rows()) {
                ShareSoapService.PageRow row = new ShareSoapService.PageRow();
                row.value.addAll(r.values());
                page.row.add(row);
            }
            return page;
        }
    }

    private static CatalogEntry subsidies() {
        List<DataItem> items = List.of(
                new DataItem("户号", DataType.STRING, 20, false, SensitiveType.NONE, Grade.general(1), PROVIDER),
                new DataItem("户主姓名", DataType.STRING, 50, true, SensitiveType.NAME, Grade.general(3), PROVIDER),
                new DataItem("身份证号", DataType.STRING, 18, true, SensitiveType.ID_NUMBER, Grade.general(3), PROVIDER),
                new DataItem("补助金额", DataType.DECIMAL, null, false, SensitiveType.NONE, Grade.general(2), PROVIDER),
                new DataItem("住房面积", DataType.DECIMAL, null, false, SensitiveType.NONE, Grade.general(2), PROVIDER),
                new DataItem("发放日期", DataType.DATE, null, false, SensitiveType.NONE, Grade.general(1), PROVIDER),
                new DataItem("家庭人口", DataType.INTEGER, null, false, SensitiveType.NONE, Grade.general(1), PROVIDER),
                new DataItem("备注", DataType.STRING, 200, false, SensitiveType.NONE, Grade.general(1), PROVIDER));
        return new CatalogEntry(ResourceCode.of(new ClassificationCode("101003"), 42), new ClassificationCode("101003"), "最低生活保障对象（基准）",
                PROVIDER, "基准测试用信息资源", ResourceFormat.values()[0], items, ShareType.CONDITIONAL, "仅用于社会救助核验", ShareMethod.values()[0],
                "《社会救助暂行办法》第十一条", OpenType.NOT_OPEN, null, null, null, UpdateFrequency.DAILY, LocalDate.of(2026, 1, 5), List.of(),
                List.of(), null, null, null, RegionCode.parse("360000"), Grade.general(3), EntryStatus.PUBLISHED, 1, Instant.now(), "bench");
    }

    private static List<Row> rows(int n) {
        Random r = new Random(11);
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
            v.put("户号", String.format("H%06d", i));
            v.put("户主姓名", surnames[r.nextInt(surnames.length)] + "某某");
            v.put("身份证号", first17 + "10X98765432".charAt(sum % 11));
            v.put("补助金额", (300 + r.nextInt(900)) + "." + String.format("%02d", 1 + r.nextInt(99)));
            v.put("住房面积", (20 + r.nextInt(140)) + "." + (1 + r.nextInt(9)));
            v.put("发放日期", LocalDate.of(2026, 1, 5).plusDays(r.nextInt(300)).toString());
            v.put("家庭人口", Integer.toString(1 + r.nextInt(6)));
            v.put("备注", r.nextInt(5) == 0 ? "重点救助对象" : "资料齐全");
            rows.add(Row.upsert(v));
        }
        return rows;
    }
}
