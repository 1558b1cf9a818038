package org.poyang.platform.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

class HealthInspectorTest {

    @Test
    void failureShowsTheDeepestCauseMessageWithoutClassNamesOrFrames() {
        String trace = "java.lang.reflect.InvocationTargetException\n\tat java.base/jdk.internal.Foo.bar(Foo.java:1)\n"
                + "Caused by: java.lang.IllegalStateException: dialect POSTGRESQL needs jdbcUrl\n\tat x.Y.z(Y.java:2)\n";
        assertThat(HealthInspector.rootCauseMessage(trace)).isEqualTo("dialect POSTGRESQL needs jdbcUrl");
    }

    @Test
    void failureWithoutCauseKeepsItsFirstLine() {
        assertThat(HealthInspector.rootCauseMessage("java.lang.RuntimeException: boom\n\tat a.B.c(B.java:1)")).isEqualTo("boom");
        assertThat(HealthInspector.rootCauseMessage(null)).contains("activation failed");
    }

    @Test
    void worseStateWins() {
        assertThat(HealthInspector.worse("active", "unsatisfied")).isEqualTo("unsatisfied");
        assertThat(HealthInspector.worse("failed", "unsatisfied")).isEqualTo("failed");
        assertThat(HealthInspector.worse("active", "disabled")).isEqualTo("active");
    }

    @Test
    void onlyPoyangBundlesOtherThanTestsAreModules() {
        assertThat(HealthInspector.isModule("org.poyang.catalog.impl")).isTrue();
        assertThat(HealthInspector.isModule("org.poyang.catalog.impl.tests")).isFalse();
        assertThat(HealthInspector.isModule("org.apache.felix.scr")).isFalse();
        assertThat(HealthInspector.isModule(null)).isFalse();
    }

    @Test
    void endpointServicesNotYetPublishedAreNamedAndOthersIgnored() {
        ServiceReference<?> published = reference(Map.of("poyang.rest.address", "/demo"));
        ServiceReference<?> pending = reference(Map.of("poyang.soap.address", "/demo"));
        ServiceReference<?> plain = reference(Map.of());
        Bundle bundle = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> "getRegisteredServices".equals(m.getName()) ? new ServiceReference<?>[] {published, pending, plain} : null);
        assertThat(HealthInspector.unpublished(bundle, ref -> ref == published)).containsExactly("/soap/demo");
        assertThat(HealthInspector.unpublished(bundle, ref -> true)).isEmpty();
    }

    /**
     * SCR enables a bundle's components on a thread of its own: until it has configured one, the
     * component is starting, not active, so that /api/health does not answer 200 too early.
     */
    @Test
    void anEnabledComponentSCRHasNotConfiguredYetIsStarting() {
        org.osgi.service.component.runtime.ServiceComponentRuntime scr = (org.osgi.service.component.runtime.ServiceComponentRuntime)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {org.osgi.service.component.runtime.ServiceComponentRuntime.class},
                        (p, m, a) -> switch (m.getName()) {
                            case "isComponentEnabled" -> true;
                            case "getComponentConfigurationDTOs" -> java.util.List.of();
                            default -> null;
                        });
        HealthInspector inspector = new HealthInspector(null, scr);
        org.osgi.service.component.runtime.dto.ComponentDescriptionDTO optional = new org.osgi.service.component.runtime.dto.ComponentDescriptionDTO();
        optional.name = "a.Optional";
        optional.configurationPolicy = "optional";
        assertThat(inspector.inspect(optional).state()).isEqualTo("starting");
        org.osgi.service.component.runtime.dto.ComponentDescriptionDTO required = new org.osgi.service.component.runtime.dto.ComponentDescriptionDTO();
        required.name = "a.Required";
        required.configurationPolicy = "require";
        assertThat(inspector.inspect(required).state()).isEqualTo("unsatisfied");
        org.osgi.service.component.runtime.dto.ComponentDescriptionDTO factory = new org.osgi.service.component.runtime.dto.ComponentDescriptionDTO();
        factory.name = "a.Factory";
        factory.configurationPolicy = "optional";
        factory.factory = "a.factory";
        assertThat(inspector.inspect(factory).state()).isEqualTo("active");
    }

    private ServiceReference<?> reference(Map<String, Object> props) {
        return (ServiceReference<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceReference.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> props.get(a[0]);
                    case "equals" -> p == a[0];
                    case "hashCode" -> System.identityHashCode(p);
                    default -> null;
                });
    }
}
