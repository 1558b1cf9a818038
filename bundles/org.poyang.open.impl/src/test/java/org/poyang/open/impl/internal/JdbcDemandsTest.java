package org.poyang.open.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.open.api.Demand;
import org.poyang.open.api.DemandAnswer;
import org.poyang.open.api.DemandForm;
import org.poyang.open.api.ResourceDemand;
import org.poyang.platform.rest.ProblemException;
import org.poyang.security.api.AccessDeniedException;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Decision;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Role;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;
import org.poyang.platform.persistence.testing.TestDatabase;

/**
 * Demand-led opening (需求导向, Art. 14, 15) on a real embedded Derby: requests, one vote per account even
 * when votes arrive at once, answers by the provider, demand per resource.
 */
class JdbcDemandsTest {

    static final CreditCode PROVIDER = CreditCode.parse("123600000143600232");
    static final ResourceCode CONDITIONAL = ResourceCode.of(new ClassificationCode("104002"), 1);
    static final ResourceCode UNCONDITIONAL = ResourceCode.of(new ClassificationCode("104002"), 2);

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private JdbcDemands demands;
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    /** The PEP stand-in: denies what the test lists; everything else is permitted. */
    private final Set<Action> denied = new java.util.HashSet<>();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.open.impl/changelog.xml");
        ds = db.dataSource();
        PolicyEnforcementPoint pep = r -> denied.contains(r.action()) ? Decision.deny("拒绝", "denied", "Art. 14")
                : Decision.permit("允许", "permitted", "Art. 14");
        AuditTrail audit = (AuditTrail) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditTrail.class}, (p, m, a) -> {
            if (m.getName().equals("record")) {
                audited.add((AuditEvent) a[0]);
                return (long) audited.size();
            }
            throw new UnsupportedOperationException(m.getName());
        });
        demands = new JdbcDemands(ds, catalog(), pep, audit, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
    }

    private static CatalogService catalog() {
        return (CatalogService) Proxy.newProxyInstance(JdbcDemandsTest.class.getClassLoader(), new Class<?>[] {CatalogService.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "get" -> {
                    ResourceCode code = (ResourceCode) a[0];
                    if (code.equals(CONDITIONAL)) {
                        return Optional.of(entry(CONDITIONAL, OpenType.CONDITIONAL));
                    }
                    return code.equals(UNCONDITIONAL) ? Optional.of(entry(UNCONDITIONAL, OpenType.UNCONDITIONAL)) : Optional.empty();
                }
                case "search" -> {
                    return new CatalogSearchResult(0, List.of(), Map.of());
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    static CatalogEntry entry(ResourceCode code, OpenType open) {
        return new CatalogEntry(code, new ClassificationCode("104002"), "企业登记信息", PROVIDER, "测试", ResourceFormat.values()[0], List.of(),
                ShareType.UNCONDITIONAL, null, ShareMethod.values()[0], null, open, "仅限科研", null, null, UpdateFrequency.DAILY,
                LocalDate.of(2026, 1, 5), List.of(), List.of(), null, null, PriorityCategory.DIGITAL_ECONOMY, RegionCode.parse("360000"),
                Grade.general(1), EntryStatus.PUBLISHED, 1, Instant.now(), "test");
    }

    static Subject citizen(String login) {
        return new Subject(Subject.Kind.ACCOUNT, login, SubjectType.NATURAL_PERSON, null, Set.of(Role.APPLICANT), Set.of(), true);
    }

    static final Subject OFFICER = new Subject(Subject.Kind.ACCOUNT, "officer", SubjectType.AGENCY_STAFF, PROVIDER.value(), Set.of(Role.DATA_OFFICER),
            Set.of(), true);

    @Test
    void aRequestNamesItsEntryAndProviderAndDataOpenWithoutConditionsIsPointedToItsDownload() {
        Demand d = demands.submit(citizen("zhang"), new DemandForm("开放企业登记信息全量数据", "用于产业分析", CONDITIONAL.value(), null, PriorityCategory.DIGITAL_ECONOMY));
        assertThat(d.id()).startsWith("dem_");
        assertThat(d.resource()).isEqualTo(CONDITIONAL.value());
        assertThat(d.provider()).isEqualTo(PROVIDER.value());
        assertThat(d.status()).isEqualTo("OPEN");
        assertThat(d.votes()).isZero();
        assertThatThrownBy(() -> demands.submit(citizen("zhang"), new DemandForm("再开放一次", null, UNCONDITIONAL.value(), null, null)))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type().slug()).isEqualTo("demand-already-open");
                    assertThat(p.detail()).contains("/api/collect/entries/" + UNCONDITIONAL.value() + "/export");
                });
        assertThatThrownBy(() -> demands.submit(citizen("zhang"), new DemandForm(" ", null, null, "not-a-code", null)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("title", "provider"));
        assertThat(demands.list(null, null, null, false, 0, 50)).hasSize(1);
        assertThat(audited).extracting(AuditEvent::action).containsExactly("open.demand");
    }

    @Test
    void everyAccountVotesOnceEvenWhenItsVotesArriveAtOnce() throws Exception {
        Demand d = demands.submit(citizen("zhang"), new DemandForm("开放公交实时到站数据", null, null, null, PriorityCategory.ENVIRONMENT));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> votes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            votes.add(pool.submit(() -> {
                try {
                    demands.vote(citizen("li"), d.id());
                    return "ok";
                } catch (ProblemException e) {
                    return e.type().slug();
                }
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : votes) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce("ok").filteredOn(o -> !o.equals("ok")).containsOnly("demand-already-voted");
        demands.vote(citizen("wang"), d.id());
        assertThat(demands.get(d.id()).votes()).isEqualTo(2);
    }

    @Test
    void requestsListByVotesAndAgenciesSeeDemandPerResource() {
        Demand popular = demands.submit(citizen("a"), new DemandForm("开放企业登记信息", null, CONDITIONAL.value(), null, null));
        Demand other = demands.submit(citizen("b"), new DemandForm("企业登记信息按月更新", null, CONDITIONAL.value(), null, null));
        Demand loose = demands.submit(citizen("c"), new DemandForm("开放停车场空位", null, null, PROVIDER.value(), null));
        for (String voter : List.of("v1", "v2", "v3")) {
            demands.vote(citizen(voter), popular.id());
        }
        demands.vote(citizen("v1"), other.id());
        assertThat(demands.list(null, null, null, false, 0, 50)).extracting(Demand::id).containsExactly(popular.id(), other.id(), loose.id());
        assertThat(demands.list(null, null, null, true, 0, 1)).extracting(Demand::id).containsExactly(loose.id());
        assertThat(demands.list(CONDITIONAL.value(), null, null, false, 0, 50)).hasSize(2);
        assertThat(demands.byResource(OFFICER, PROVIDER.value())).containsExactly(new ResourceDemand(CONDITIONAL.value(), 2, 4));
        denied.add(Action.CASE_OVERSEE);
        assertThatThrownBy(() -> demands.byResource(citizen("a"), PROVIDER.value())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theProviderAnswersOnceAndAnAnsweredRequestTakesNoMoreVotes() {
        Demand d = demands.submit(citizen("a"), new DemandForm("开放企业登记信息", null, CONDITIONAL.value(), null, null));
        assertThatThrownBy(() -> demands.answer(OFFICER, d.id(), new DemandAnswer("MAYBE", "再议"))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> demands.answer(OFFICER, d.id(), new DemandAnswer("DECLINED", " "))).isInstanceOf(ProblemException.class);
        assertThat(demands.get(d.id()).status()).isEqualTo("OPEN");
        Demand planned = demands.answer(OFFICER, d.id(), new DemandAnswer("PLANNED", "将于下季度转为无条件开放"));
        assertThat(planned.status()).isEqualTo("PLANNED");
        assertThat(planned.answeredBy()).isEqualTo("officer");
        assertThat(planned.answeredAt()).isNotNull();
        Demand opened = demands.answer(OFFICER, d.id(), new DemandAnswer("OPENED", "已开放"));
        assertThat(opened.status()).isEqualTo("OPENED");
        assertThatThrownBy(() -> demands.answer(OFFICER, d.id(), new DemandAnswer("DECLINED", "改变主意"))).isInstanceOfSatisfying(
                ProblemException.class, p -> assertThat(p.type().slug()).isEqualTo("demand-answered"));
        assertThatThrownBy(() -> demands.vote(citizen("late"), d.id())).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.type().slug()).isEqualTo("demand-answered"));
        denied.add(Action.APPLICATION_ANSWER);
        Demand second = demands.submit(citizen("b"), new DemandForm("开放企业年报", null, CONDITIONAL.value(), null, null));
        assertThatThrownBy(() -> demands.answer(citizen("b"), second.id(), new DemandAnswer("OPENED", "自己答复"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAnonymousCallerCannotAskOrVote() {
        denied.add(Action.OPEN_DEMAND);
        assertThatThrownBy(() -> demands.submit(Subject.ANONYMOUS, new DemandForm("开放数据", null, null, null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(demands.list(null, null, null, false, 0, 50)).isEmpty();
    }
}
