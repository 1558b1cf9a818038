package org.poyang.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.poyang.platform.rest.ProblemException;

class DemoResourceTest {

    private final DemoResource resource = new DemoResource();

    @Test
    void sampleRowsAreDeterministicSoBenchmarksCompareLikeWithLike() {
        assertThat(DemoRow.sample(50)).usingRecursiveFieldByFieldElementComparator().isEqualTo(DemoRow.sample(50));
        assertThat(DemoRow.sample(3)).extracting(DemoRow::getId).containsExactly(1L, 2L, 3L);
        assertThat(DemoRow.sample(1).get(0).getLicence()).hasSize(18);
    }

    @Test
    void rowsOutsideTheRangeAreRefusedWithAViolation() {
        assertThat(resource.rows(0)).isEmpty();
        assertThat(resource.rows(DemoResource.MAX_ROWS)).hasSize(DemoResource.MAX_ROWS);
        assertThatThrownBy(() -> resource.rows(DemoResource.MAX_ROWS + 1)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("count"));
        assertThatThrownBy(() -> resource.rows(-1)).isInstanceOf(ProblemException.class);
    }

    @Test
    void greetingAndEcho() {
        assertThat(resource.greeting("江西").message()).isEqualTo("你好，江西！");
        assertThatThrownBy(() -> resource.greeting("x".repeat(101))).isInstanceOf(ProblemException.class);
        assertThat(resource.echo(new Greeting("hi", "en")).message()).isEqualTo("hi");
        assertThatThrownBy(() -> resource.echo(new Greeting(" ", "en"))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> new DemoSoapService().greet("")).isInstanceOf(ProblemException.class);
    }
}
