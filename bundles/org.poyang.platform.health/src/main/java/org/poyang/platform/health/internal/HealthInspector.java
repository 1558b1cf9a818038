package org.poyang.platform.health.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.poyang.platform.health.internal.ModuleHealth.ComponentHealth;
import org.poyang.platform.health.internal.ModuleHealth.MissingReference;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.PublishedEndpoints;

/** Derives module health from bundle states and the DS runtime's view of each component. */
final class HealthInspector {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    HealthInspector(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    HealthReport inspect(Set<String> requiredModules, PublishedEndpoints endpoints) {
        List<ModuleHealth> modules = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Bundle b : context.getBundles()) {
            String bsn = b.getSymbolicName();
            if (!isModule(bsn)) {
                continue;
            }
            seen.add(bsn);
            modules.add(inspect(b, requiredModules.isEmpty() || requiredModules.contains(bsn), endpoints));
        }
        for (String required : requiredModules) {
            if (!seen.contains(required)) {
                modules.add(new ModuleHealth(required, null, ModuleHealth.MISSING, true, List.of(),
                        "模块未安装 (module is not installed)"));
            }
        }
        modules.sort(Comparator.comparing(ModuleHealth::name));
        boolean up = modules.stream().noneMatch(m -> m.required() && !m.isUp());
        return new HealthReport(up ? "UP" : "DOWN", modules);
    }

    /** Poyang's own bundles; in-framework test bundles are not modules. */
    static boolean isModule(String bsn) {
        return bsn != null && bsn.startsWith("org.poyang.") && !bsn.endsWith(".tests");
    }

    private ModuleHealth inspect(Bundle b, boolean required, PublishedEndpoints endpoints) {
        String version = b.getVersion().toString();
        boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        if (fragment) {
            boolean resolved = (b.getState() & (Bundle.RESOLVED | Bundle.ACTIVE | Bundle.STARTING)) != 0;
            return new ModuleHealth(b.getSymbolicName(), version, resolved ? ModuleHealth.ACTIVE : ModuleHealth.FAILED,
                    required, List.of(), resolved ? null : "片段未解析 (fragment not resolved)");
        }
        if (b.getState() != Bundle.ACTIVE) {
            String detail = switch (b.getState()) {
                case Bundle.INSTALLED -> "依赖无法解析 (bundle could not be resolved)";
                case Bundle.RESOLVED -> "模块已停止 (bundle is stopped)";
                case Bundle.STARTING -> "模块正在启动 (bundle is starting)";
                default -> "模块正在停止 (bundle is stopping)";
            };
            return new ModuleHealth(b.getSymbolicName(), version, ModuleHealth.FAILED, required, List.of(), detail);
        }
        List<ComponentHealth> components = new ArrayList<>();
        String state = ModuleHealth.ACTIVE;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            ComponentHealth c = inspect(d);
            components.add(c);
            state = worse(state, c.state());
        }
        String detail = null;
        if (ModuleHealth.ACTIVE.equals(state) && endpoints != null) {
            List<String> pending = unpublished(b, endpoints);
            if (!pending.isEmpty()) {
                state = ModuleHealth.STARTING;
                detail = "接口尚未发布 (endpoints not yet published): " + String.join(", ", pending);
            }
        }
        return new ModuleHealth(b.getSymbolicName(), version, state, required, components, detail);
    }

    /**
     * Addresses of the bundle's endpoint services that the bridge has not published (yet): a
     * module is not up while a request to its endpoint would still get 404.
     */
    static List<String> unpublished(Bundle b, PublishedEndpoints endpoints) {
        List<String> pending = new ArrayList<>();
        ServiceReference<?>[] refs = b.getRegisteredServices();
        if (refs == null) {
            return pending;
        }
        for (ServiceReference<?> ref : refs) {
            Object rest = ref.getProperty(Endpoints.REST_ADDRESS);
            Object soap = ref.getProperty(Endpoints.SOAP_ADDRESS);
            if ((rest != null || soap != null) && !endpoints.isPublished(ref)) {
                pending.add(rest != null ? Endpoints.API_ROOT + rest : Endpoints.SOAP_ROOT + soap);
            }
        }
        return pending;
    }

    ComponentHealth inspect(ComponentDescriptionDTO d) {
        if (!scr.isComponentEnabled(d)) {
            return new ComponentHealth(d.name, "disabled", List.of(), null);
        }
        var configs = scr.getComponentConfigurationDTOs(d);
        if (configs.isEmpty()) {
            if (d.factory != null) {
                return new ComponentHealth(d.name, ModuleHealth.ACTIVE, List.of(), null);
            }
            if ("require".equals(d.configurationPolicy)) {
                return new ComponentHealth(d.name, ModuleHealth.UNSATISFIED, List.of(),
                        "等待配置 (waiting for configuration " + Arrays.toString(d.configurationPid) + ")");
            }
            // enabled, yet SCR has not configured it: SCR enables a bundle's components on a thread of
            // its own, and until it has, the component neither works nor reports a missing reference
            return new ComponentHealth(d.name, ModuleHealth.STARTING, List.of(), "组件尚未启动 (component not started yet)");
        }
        List<MissingReference> missing = new ArrayList<>();
        String state = ModuleHealth.ACTIVE;
        String failure = null;
        for (ComponentConfigurationDTO c : configs) {
            switch (c.state) {
                case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                    state = worse(state, ModuleHealth.UNSATISFIED);
                    for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                        missing.add(new MissingReference(u.name, interfaceOf(d, u.name), u.target));
                    }
                }
                case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> {
                    state = worse(state, ModuleHealth.UNSATISFIED);
                    failure = "等待配置 (waiting for configuration)";
                }
                case ComponentConfigurationDTO.FAILED_ACTIVATION -> {
                    state = worse(state, ModuleHealth.FAILED);
                    failure = rootCauseMessage(c.failure);
                }
                default -> {
                    // SATISFIED or ACTIVE
                }
            }
        }
        return new ComponentHealth(d.name, state, missing, failure);
    }

    private static String interfaceOf(ComponentDescriptionDTO d, String reference) {
        for (ReferenceDTO r : d.references) {
            if (r.name.equals(reference)) {
                return r.interfaceName;
            }
        }
        return null;
    }

    /**
     * The message of the deepest cause only, without exception class names: the health page is
     * public and must not carry stack traces or internals beyond what an operator needs.
     */
    static String rootCauseMessage(String failure) {
        if (failure == null || failure.isBlank()) {
            return "激活失败 (activation failed)";
        }
        String line = failure.lines().findFirst().orElse("");
        for (String l : (Iterable<String>) failure.lines()::iterator) {
            if (l.startsWith("Caused by: ")) {
                line = l.substring("Caused by: ".length());
            }
        }
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+")) {
            line = line.substring(colon + 2);
        }
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    static String worse(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(String state) {
        return switch (state) {
            case ModuleHealth.ACTIVE, "disabled" -> 0;
            case ModuleHealth.UNSATISFIED, ModuleHealth.STARTING -> 1;
            default -> 2;
        };
    }
}
