package org.poyang.open.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.open.api.Showcase;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.security.api.AccessDeniedException;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Decision;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Subject;
import org.poyang.platform.persistence.testing.TestDatabase;

/** The showcase (应用示范, Art. 25-28): registered with open datasets, listed only after review. */
class JdbcShowcaseTest {

    static final ResourceCode NOT_OPEN = ResourceCode.of(new ClassificationCode("104002"), 3);

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private JdbcShowcase showcase;
    private final Set<Action> denied = new HashSet<>();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.open.impl/changelog.xml");
        ds = db.dataSource();
        PolicyEnforcementPoint pep = r -> denied.contains(r.action()) ? Decision.deny("拒绝", "denied", "Art. 25")
                : Decision.permit("允许", "permitted", "Art. 25");
        AuditTrail audit = (AuditTrail) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditTrail.class}, (p, m, a) -> 1L);
        Schema schema = (Schema) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Schema.class}, (p, m, a) -> null);
        CatalogService catalog = (CatalogService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CatalogService.class},
                (p, m, a) -> {
                    ResourceCode code = (ResourceCode) a[0];
                    if (code.equals(JdbcDemandsTest.CONDITIONAL)) {
                        return Optional.of(JdbcDemandsTest.entry(code, OpenType.CONDITIONAL));
                    }
                    if (code.equals(JdbcDemandsTest.UNCONDITIONAL)) {
                        return Optional.of(JdbcDemandsTest.entry(code, OpenType.UNCONDITIONAL));
                    }
                    return code.equals(NOT_OPEN) ? Optional.of(JdbcDemandsTest.entry(code, OpenType.NOT_OPEN)) : Optional.empty();
                });
        showcase = new JdbcShowcase(ds, schema, catalog, pep, audit);
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
    }

    @Test
    void anItemIsListedWithItsDatasetsOnlyAfterReview() {
        Subject dev = JdbcDemandsTest.citizen("dev");
        Showcase.Item item = showcase.submit(dev, new Showcase.Form("企业画像", "用登记和信用数据画出企业画像", "https://example.cn/app",
                Showcase.Kind.APP, List.of(JdbcDemandsTest.UNCONDITIONAL.value(), JdbcDemandsTest.CONDITIONAL.value(), JdbcDemandsTest.UNCONDITIONAL.value())));
        assertThat(item.status()).isEqualTo("SUBMITTED");
        assertThat(item.datasets()).as("each once, by code").containsExactly(JdbcDemandsTest.CONDITIONAL.value(), JdbcDemandsTest.UNCONDITIONAL.value());
        assertThat(showcase.listed(null, 0, 50)).isEmpty();
        assertThat(showcase.mine(dev)).extracting(Showcase.Item::id).containsExactly(item.id());
        assertThat(showcase.pending(dev)).extracting(Showcase.Item::id).containsExactly(item.id());

        assertThatThrownBy(() -> showcase.review(dev, item.id(), false, " ")).isInstanceOf(ProblemException.class);
        Showcase.Item listed = showcase.review(dev, item.id(), true, "符合开放数据使用规定");
        assertThat(listed.status()).isEqualTo("LISTED");
        assertThat(showcase.listed(JdbcDemandsTest.CONDITIONAL.value(), 0, 50)).extracting(Showcase.Item::id).containsExactly(item.id());
        assertThat(showcase.listed(NOT_OPEN.value(), 0, 50)).isEmpty();
        assertThat(showcase.pending(dev)).isEmpty();
        denied.add(Action.CATALOG_REVIEW);
        assertThatThrownBy(() -> showcase.review(dev, item.id(), false, "撤下")).isInstanceOf(AccessDeniedException.class);
        assertThat(showcase.listed(null, 0, 50)).hasSize(1);
    }

    @Test
    void aRegistrationNamesOpenDatasetsAndAWebAddressAndChangesNothingOtherwise() {
        Subject dev = JdbcDemandsTest.citizen("dev");
        assertThatThrownBy(() -> showcase.submit(dev, new Showcase.Form(" ", null, "ftp://example.cn", null,
                List.of(NOT_OPEN.value(), "101001/999999", "bad"))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("name", "description", "kind", "url", "datasets[0]", "datasets[1]", "datasets[2]"));
        assertThatThrownBy(() -> showcase.submit(dev, new Showcase.Form("应用", "说明", null, Showcase.Kind.RESEARCH, List.of())))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations()).extracting(v -> v.field()).containsExactly("datasets"));
        assertThat(showcase.mine(dev)).isEmpty();
        denied.add(Action.SHOWCASE_SUBMIT);
        assertThatThrownBy(() -> showcase.submit(Subject.ANONYMOUS, new Showcase.Form("应用", "说明", null, Showcase.Kind.APP,
                List.of(JdbcDemandsTest.UNCONDITIONAL.value())))).isInstanceOf(AccessDeniedException.class);
    }
}
