package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Account;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.Decision;
import org.poyang.security.api.Grant;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.NewGrant;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Role;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;
import org.poyang.platform.persistence.testing.TestDatabase;

/**
 * Grants (授权) on a real embedded Derby, and the policy enforcement point relying on them: conditional
 * open data only under the applicant's grant (Art. 18), conditional or coordinated shared data only
 * under the using agency's grant for its stated purpose (Art. 23, 24), limited to the grant's items,
 * routes and time, and refused at once after revocation.
 */
class GrantsTest {

    static final String PROVIDER = "11360100MB1234567X";
    static final String USER_AGENCY = "11360000MB7654321Y";
    static final String CODE = "101001/000001";

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private JdbcAuditTrail audit;
    private JdbcGrantService grants;
    private JdbcApiKeyService keys;
    private JdbcAccountService accounts;
    private final JdbcAccountServiceTest.MovableClock clock = new JdbcAccountServiceTest.MovableClock();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.security.impl/changelog.xml");
        ds = db.dataSource();
        audit = new JdbcAuditTrail(ds, AuditSigner.load(dir.resolve("key")), Clock.systemUTC(), 1000, 3600, 500, 10);
        accounts = new JdbcAccountService(ds, audit, new FileFieldCipher(dir.resolve("keys/field-keys.properties"), "SM4"), clock);
        keys = new JdbcApiKeyService(ds, accounts, audit, clock);
        grants = new JdbcGrantService(ds, audit, clock);
    }

    @AfterEach
    void stop() throws Exception {
        audit.close();
        db.close();
    }

    private static Subject citizen(String login) {
        return new Subject(Subject.Kind.ACCOUNT, login, SubjectType.NATURAL_PERSON, null, Set.of(Role.APPLICANT), Set.of(), true);
    }

    private static Subject staff(String login, String agency) {
        return new Subject(Subject.Kind.ACCOUNT, login, SubjectType.AGENCY_STAFF, agency, Set.of(), Set.of(), true);
    }

    private static Resource conditional() {
        return new Resource(CODE, PROVIDER, Resource.Open.CONDITIONAL, Resource.Share.CONDITIONAL, "GENERAL_2", true);
    }

    private Grant openGrant(String holder, Set<Route> routes) {
        return grants.issue(new NewGrant(Grant.Kind.OPEN, holder, CODE, Set.of("企业名称", "注册资本"), routes, "产业研究", null,
                clock.instant().plus(Duration.ofDays(30)), "仅用于研究", "case_1"), "officer");
    }

    private Decision read(Subject s, String grant, Route route) {
        return RulePolicy.rule(new AccessRequest(s, Action.OPEN_DATA_READ, conditional(), null, grant, route), grants, clock.instant());
    }

    @Test
    void conditionallyOpenDataIsServedOnlyUnderTheHoldersValidGrantLimitedToItsItemsUnderArticle18() {
        Grant g = openGrant("alice", Set.of(Route.OPEN_API));
        assertThat(g.id()).startsWith("grt_");
        Decision ok = read(citizen("alice"), g.id(), Route.OPEN_API);
        assertThat(ok.permit()).isTrue();
        assertThat(ok.items()).containsExactlyInAnyOrder("企业名称", "注册资本");
        assertThat(ok.covers("法定代表人")).isFalse();
        assertThat(ok.article()).isEqualTo("Art. 18");

        assertThat(read(citizen("bob"), g.id(), Route.OPEN_API).reasonEn()).contains("held by another");
        assertThat(read(citizen("alice"), g.id(), Route.OPEN_DOWNLOAD).reasonEn()).contains("does not allow OPEN_DOWNLOAD");
        assertThat(read(citizen("alice"), "grt_00000000000000000000", Route.OPEN_API).reasonEn()).contains("no grant");
        Resource other = new Resource("101001/000002", PROVIDER, Resource.Open.CONDITIONAL, null, "GENERAL_2", true);
        assertThat(RulePolicy.rule(new AccessRequest(citizen("alice"), Action.OPEN_DATA_READ, other, null, g.id(), Route.OPEN_API), grants,
                clock.instant()).reasonEn()).contains("does not cover");

        // expiry, then revocation
        assertThat(RulePolicy.rule(new AccessRequest(citizen("alice"), Action.OPEN_DATA_READ, conditional(), null, g.id(), Route.OPEN_API),
                grants, g.expiresAt()).reasonEn()).contains("expired");
        grants.revoke(g.id(), "supervisor", "违反使用条件");
        assertThat(read(citizen("alice"), g.id(), Route.OPEN_API).reasonEn()).contains("revoked");
        assertThat(grants.get(g.id()).orElseThrow().revokedReason()).isEqualTo("违反使用条件");
    }

    /** Art. 16, 17: only a grant to everyone (an emergency opening) opens data that is not open, and for anyone. */
    @Test
    void dataNotOpenIsOpenedOnlyByAnEmergencyGrantToEveryone() {
        Resource notOpen = new Resource(CODE, PROVIDER, Resource.Open.NOT_OPEN, null, "GENERAL_2", true);
        Grant everyone = grants.issue(new NewGrant(Grant.Kind.OPEN, Grant.PUBLIC, CODE, Set.of("企业名称"), Set.of(Route.OPEN_API), "突发事件：洪涝灾害",
                null, clock.instant().plus(Duration.ofDays(30)), null, "emg_1"), "reviewer");
        Grant alices = openGrant("alice", Set.of(Route.OPEN_API));
        Decision anonymous = RulePolicy.rule(new AccessRequest(Subject.ANONYMOUS, Action.OPEN_DATA_READ, notOpen, null, everyone.id(), Route.OPEN_API),
                grants, clock.instant());
        assertThat(anonymous.permit()).as(anonymous.describe()).isTrue();
        assertThat(anonymous.items()).containsExactly("企业名称");
        Decision personal = RulePolicy.rule(new AccessRequest(citizen("alice"), Action.OPEN_DATA_READ, notOpen, null, alices.id(), Route.OPEN_API),
                grants, clock.instant());
        assertThat(personal.permit()).isFalse();
        assertThat(personal.article()).isEqualTo("Art. 17");
        grants.revoke(everyone.id(), "reviewer", "事件结束");
        assertThat(RulePolicy.rule(new AccessRequest(Subject.ANONYMOUS, Action.OPEN_DATA_READ, notOpen, null, everyone.id(), Route.OPEN_API),
                grants, clock.instant()).permit()).as("after the event").isFalse();
    }

    @Test
    void anApplicationKeyActsUnderItsOwnersGrant() {
        accounts.create(new NewAccount("carol", "开发者", SubjectType.LEGAL_PERSON, null, Set.of(Role.APPLICANT), "Poyang-2026-secret"), "secadmin");
        accounts.create(new NewAccount("dave", "开发者", SubjectType.LEGAL_PERSON, null, Set.of(Role.APPLICANT), "Poyang-2026-secret"), "secadmin");
        String carolsKey = keys.issue("carol", "研究应用", Set.of("open.read"), 100, null, "carol").key().id();
        String davesKey = keys.issue("dave", "研究应用", Set.of("open.read"), 100, null, "dave").key().id();
        Grant g = openGrant("carol", Set.of(Route.OPEN_API));
        Subject carolsApp = new Subject(Subject.Kind.APPLICATION, "app:" + carolsKey, SubjectType.LEGAL_PERSON, null, Set.of(), Set.of("open.read"), true);
        Subject davesApp = new Subject(Subject.Kind.APPLICATION, "app:" + davesKey, SubjectType.LEGAL_PERSON, null, Set.of(), Set.of("open.read"), true);
        assertThat(read(carolsApp, g.id(), Route.OPEN_API).permit()).isTrue();
        assertThat(read(davesApp, g.id(), Route.OPEN_API).permit()).isFalse();
        assertThat(accounts.findByLogin("carol").map(Account::login)).contains("carol");
    }

    @Test
    void sharedDataUnderAGrantServesOnlyTheUsingAgencyAndTheGrantedPurposeUnderArticle24() {
        Grant g = grants.issue(new NewGrant(Grant.Kind.SHARE, USER_AGENCY, CODE, Set.of("企业名称"), Set.of(Route.SHARE_API), "企业开办审批",
                "《企业登记管理条例》规定的登记审查职责", clock.instant().plus(Duration.ofDays(90)), null, "case_2"), "officer");
        Resource notShared = new Resource(CODE, PROVIDER, null, Resource.Share.NOT_SHARED, "GENERAL_2", true);
        Subject clerk = staff("clerk", USER_AGENCY);
        Decision ok = RulePolicy.rule(new AccessRequest(clerk, Action.SHARE_DATA_READ, notShared, "企业开办审批", g.id(), Route.SHARE_API),
                grants, clock.instant());
        assertThat(ok.permit()).as(ok.describe()).isTrue();
        assertThat(ok.items()).containsExactly("企业名称");
        Decision otherPurpose = RulePolicy.rule(new AccessRequest(clerk, Action.SHARE_DATA_READ, notShared, "税务稽查", g.id(), Route.SHARE_API),
                grants, clock.instant());
        assertThat(otherPurpose.permit()).isFalse();
        assertThat(otherPurpose.article()).isEqualTo("Art. 24");
        assertThat(RulePolicy.rule(new AccessRequest(staff("x", PROVIDER), Action.SHARE_DATA_READ, notShared, "企业开办审批", g.id(),
                Route.SHARE_API), grants, clock.instant()).reasonEn()).contains("held by another");
        assertThat(RulePolicy.rule(new AccessRequest(clerk, Action.OPEN_DATA_READ, conditional(), null, g.id(), Route.OPEN_API), grants,
                clock.instant()).permit()).as("a share grant is no open grant").isFalse();
    }

    @Test
    void aGrantNeedsItemsRoutesPurposeAFutureExpiryAndForSharedDataALegalDutyAndChangesNothingOtherwise() {
        assertThatThrownBy(() -> grants.issue(new NewGrant(Grant.Kind.SHARE, USER_AGENCY, CODE, Set.of(), Set.of(), " ", null,
                clock.instant().minusSeconds(1), null, null), "officer"))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations()).extracting(Violation::field)
                        .containsExactlyInAnyOrder("items", "routes", "purpose", "legalDuty", "expiresAt"));
        assertThat(grants.heldBy(USER_AGENCY)).isEmpty();
    }

    @Test
    void issueAndRevocationAreAuditedAndListedForHolderAndProvider() {
        Grant g = openGrant("alice", Set.of(Route.OPEN_API, Route.MODEL_RESULT));
        grants.revoke(g.id(), "supervisor", "超范围使用");
        assertThat(grants.heldBy("alice")).extracting(Grant::id).containsExactly(g.id());
        assertThat(grants.ofResource(CODE)).extracting(Grant::status).containsExactly(Grant.Status.REVOKED);
        assertThat(grants.get(g.id()).orElseThrow().routes()).containsExactlyInAnyOrder(Route.OPEN_API, Route.MODEL_RESULT);
        assertThat(audit.search(null, CODE, null, null, null, 0, 100)).extracting(AuditRecord::event)
                .extracting(e -> e.action() + " " + e.grantId()).containsExactly("grant.issue " + g.id(), "grant.revoke " + g.id());
        assertThatThrownBy(() -> grants.revoke(g.id(), "supervisor", " ")).isInstanceOf(ProblemException.class);
    }

    @Test
    void onlyPersonsAndOrganisationsApplyOrObjectAndOnlyTheProvidersOfficersAnswer() {
        Resource r = conditional();
        assertThat(RulePolicy.rule(AccessRequest.of(citizen("alice"), Action.OPEN_APPLY, r)).permit()).isTrue();
        assertThat(RulePolicy.rule(AccessRequest.of(Subject.ANONYMOUS, Action.OPEN_APPLY, r)).reasonEn()).startsWith("sign in first");
        Decision agency = RulePolicy.rule(AccessRequest.of(staff("clerk", USER_AGENCY), Action.OPEN_APPLY, r));
        assertThat(agency.permit()).isFalse();
        assertThat(agency.article()).isEqualTo("Art. 18, 23");
        Subject officer = new Subject(Subject.Kind.ACCOUNT, "officer", SubjectType.AGENCY_STAFF, PROVIDER, Set.of(Role.DATA_OFFICER), Set.of(), true);
        Subject otherOfficer = new Subject(Subject.Kind.ACCOUNT, "o2", SubjectType.AGENCY_STAFF, USER_AGENCY, Set.of(Role.DATA_OFFICER), Set.of(), true);
        assertThat(RulePolicy.rule(AccessRequest.of(officer, Action.APPLICATION_ANSWER, r)).permit()).isTrue();
        assertThat(RulePolicy.rule(AccessRequest.of(otherOfficer, Action.APPLICATION_ANSWER, r)).permit()).isFalse();
        assertThat(RulePolicy.rule(AccessRequest.of(citizen("alice"), Action.APPLICATION_ANSWER, r)).permit()).isFalse();
        assertThat(RulePolicy.rule(AccessRequest.of(staff("clerk", PROVIDER), Action.CASE_OVERSEE, r)).permit()).isTrue();
        assertThat(RulePolicy.rule(AccessRequest.of(staff("clerk", USER_AGENCY), Action.CASE_OVERSEE, r)).permit()).isFalse();
        assertThat(RulePolicy.rule(AccessRequest.of(RulePolicyTest.SUPERVISOR, Action.CASE_OVERSEE, r)).permit()).isTrue();
        // Art. 19: persons and organisations object, signed in so that the answer reaches them
        assertThat(RulePolicy.rule(AccessRequest.of(citizen("alice"), Action.OBJECTION_FILE, r)).article()).isEqualTo("Art. 19");
        assertThat(RulePolicy.rule(AccessRequest.of(citizen("alice"), Action.OBJECTION_FILE, r)).permit()).isTrue();
        assertThat(RulePolicy.rule(AccessRequest.of(Subject.ANONYMOUS, Action.OBJECTION_FILE, r)).reasonEn()).startsWith("sign in first");
        assertThat(RulePolicy.rule(AccessRequest.of(staff("clerk", USER_AGENCY), Action.OBJECTION_FILE, r)).permit()).isFalse();
    }
}
