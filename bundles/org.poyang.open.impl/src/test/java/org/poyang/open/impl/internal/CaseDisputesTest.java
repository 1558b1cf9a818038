package org.poyang.open.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.catalog.api.CatalogService;
import org.poyang.open.api.Dispute;
import org.poyang.platform.calendar.WorkingDayCalendar;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.internal.JdbcCaseService;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Decision;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Role;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;
import org.poyang.platform.persistence.testing.TestDatabase;

/**
 * Disputes over the opening agency (Art. 20) on the real case workflow and Derby: the parties negotiate,
 * agree or escalate; the management department decides only after recording the expert committee's
 * opinion; only parties take parties' steps.
 */
class CaseDisputesTest {

    static final String BUREAU = "11360000MB00000011";
    static final String A = "11360100MB1234567T";
    static final String B = "11360000MB7654321J";
    static final String C = "11360000MB7654329B";

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private JdbcCaseService cases;
    private CaseDisputes disputes;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.platform.workflow/changelog.xml");
        ds = db.dataSource();
        Schema schema = (Schema) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Schema.class}, (p, m, a) -> null);
        cases = new JdbcCaseService(ds, schema, new WeekdayCalendar());
        // the rules of the shipped PEP for these actions, in short: parties' officers; the bureau's reviewers
        PolicyEnforcementPoint pep = r -> switch (r.action()) {
            case DISPUTE_FILE -> r.subject().has(Role.DATA_OFFICER) ? Decision.permit("可", "ok", "Art. 20") : Decision.deny("否", "no", "Art. 20");
            case DISPUTE_DECIDE -> r.subject().has(Role.CATALOG_REVIEWER) ? Decision.permit("可", "ok", "Art. 20") : Decision.deny("否", "no", "Art. 20");
            default -> r.subject().managementStaff() ? Decision.permit("可", "ok", "Art. 41") : Decision.deny("否", "no", "Art. 41");
        };
        AuditTrail audit = (AuditTrail) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditTrail.class}, (p, m, a) -> 1L);
        CatalogService catalog = (CatalogService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CatalogService.class},
                (p, m, a) -> Optional.empty());
        disputes = new CaseDisputes(cases, catalog, pep, audit);
    }

    @AfterEach
    void stop() throws Exception {
        cases.deactivate();
        db.close();
    }

    static Subject officer(String login, String agency) {
        return new Subject(Subject.Kind.ACCOUNT, login, SubjectType.AGENCY_STAFF, agency, Set.of(Role.DATA_OFFICER), Set.of(), true);
    }

    static final Subject REVIEWER = new Subject(Subject.Kind.ACCOUNT, "reviewer", SubjectType.MANAGEMENT_STAFF, BUREAU, Set.of(Role.CATALOG_REVIEWER),
            Set.of(), true);

    private Dispute file() {
        return disputes.file(officer("a1", A), new Dispute.Form(null, "全省企业登记数据", B, "企业登记数据由市场监管部门采集，应由 B 开放"));
    }

    @Test
    void thePartiesNegotiateAndAgreeWhoOpensTheData() {
        Dispute d = file();
        assertThat(d.state()).isEqualTo("NEGOTIATING");
        assertThat(d.claimant()).isEqualTo(A);
        assertThat(d.counterpart()).isEqualTo(B);
        d = disputes.negotiate(officer("b1", B), d.id(), new Dispute.Step("我方仅汇总，不是采集单位", null));
        d = disputes.negotiate(officer("a1", A), d.id(), new Dispute.Step("同意由 B 牵头", null));
        assertThat(d.notes()).hasSize(2).first().asString().startsWith(B);
        assertThatThrownBy(() -> disputes.agree(officer("b1", B), file().id(), new Dispute.Step("一致", C)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations()).extracting(v -> v.field()).containsExactly("opener"));
        Dispute agreed = disputes.agree(officer("b1", B), d.id(), new Dispute.Step("协商一致", B));
        assertThat(agreed.state()).isEqualTo("AGREED");
        assertThat(agreed.opener()).isEqualTo(B);
        assertThat(agreed.closedAt()).isNotNull();
        assertThat(cases.history(d.id())).extracting(CaseEvent::to).containsExactly("NEGOTIATING", "NEGOTIATING", "NEGOTIATING", "AGREED");
    }

    @Test
    void anEscalatedDisputeIsDecidedOnlyAfterTheExpertCommitteesOpinion() {
        Dispute d = file();
        d = disputes.escalate(officer("b1", B), d.id(), new Dispute.Step("协商不成", null));
        assertThat(d.state()).isEqualTo("ESCALATED");
        String id = d.id();
        assertThatThrownBy(() -> disputes.decide(REVIEWER, id, new Dispute.Step("由 A 开放", A)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.detail()).contains("Art. 20"));
        assertThatThrownBy(() -> disputes.recordOpinion(officer("a1", A), id, new Dispute.Step("自拟专家意见", null)))
                .isInstanceOf(org.poyang.security.api.AccessDeniedException.class);
        d = disputes.recordOpinion(REVIEWER, id, new Dispute.Step("专家委员会认为应由采集单位开放", null));
        assertThat(d.opinion()).isEqualTo("专家委员会认为应由采集单位开放");
        d = disputes.decide(REVIEWER, id, new Dispute.Step("会同网信部门决定由 B 开放", B));
        assertThat(d.state()).isEqualTo("DECIDED");
        assertThat(d.opener()).isEqualTo(B);
        assertThat(d.decision()).contains("网信部门");
        assertThat(d.opinion()).isNotNull();
        assertThatThrownBy(() -> disputes.negotiate(officer("a1", A), id, new Dispute.Step("再谈", null)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().slug()).isEqualTo("application-state"));
    }

    @Test
    void onlyPartiesTakePartiesStepsAndSeeTheDispute() {
        Dispute d = file();
        assertThatThrownBy(() -> disputes.negotiate(officer("c1", C), d.id(), new Dispute.Step("插话", null)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(403));
        assertThatThrownBy(() -> disputes.get(officer("c1", C), d.id())).isInstanceOf(org.poyang.security.api.AccessDeniedException.class);
        assertThat(disputes.get(officer("b1", B), d.id()).id()).isEqualTo(d.id());
        assertThat(disputes.get(REVIEWER, d.id()).id()).isEqualTo(d.id());
        assertThatThrownBy(() -> disputes.withdraw(officer("b1", B), d.id(), null))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(403));
        assertThat(disputes.withdraw(officer("a1", A), d.id(), null).state()).isEqualTo("WITHDRAWN");
        assertThat(disputes.list(REVIEWER, B, false, 0, 10)).extracting(Dispute::id).containsExactly(d.id());
        assertThat(disputes.list(REVIEWER, C, false, 0, 10)).isEmpty();
    }

    @Test
    void aDisputeNamesTheOtherAgencyAndTheClaimAndChangesNothingOtherwise() {
        assertThatThrownBy(() -> disputes.file(officer("a1", A), new Dispute.Form(null, " ", A, null)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("subject", "claim", "counterpart"));
        assertThatThrownBy(() -> disputes.file(officer("a1", A), new Dispute.Form(null, "数据", "12345", "主张")))
                .isInstanceOf(ProblemException.class);
        assertThat(disputes.list(REVIEWER, null, false, 0, 10)).isEmpty();
        Dispute d = file();
        assertThat(d.deadline()).isEqualTo(new WeekdayCalendar().addWorkingDays(d.receivedOn(), 20));
    }

    /** Monday to Friday, every year known: enough for the steps here. */
    static final class WeekdayCalendar implements WorkingDayCalendar {
        @Override
        public boolean isWorkingDay(LocalDate date) {
            return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
        }

        @Override
        public LocalDate addWorkingDays(LocalDate receipt, int workingDays) {
            LocalDate d = receipt;
            for (int n = 0; n < workingDays;) {
                d = d.plusDays(1);
                if (isWorkingDay(d)) {
                    n++;
                }
            }
            return d;
        }

        @Override
        public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
            int n = 0;
            for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
                if (isWorkingDay(d)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public SortedSet<Integer> knownYears() {
            return new TreeSet<>(Set.of(2025, 2026, 2027, 2028));
        }
    }
}
