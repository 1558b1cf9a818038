package org.poyang.platform.health.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Health of one Poyang module (bundle) as reported at {@code /api/health}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ModuleHealth(String name, String version, String state, boolean required,
        List<ComponentHealth> components, String detail) {

    /** Module states, worst last. */
    static final String ACTIVE = "active";
    static final String UNSATISFIED = "unsatisfied";
    static final String STARTING = "starting";
    static final String FAILED = "failed";
    static final String MISSING = "missing";

    /** One DS component of the module; {@code missing} names each unsatisfied reference. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ComponentHealth(String name, String state, List<MissingReference> missing, String failure) {
    }

    /** A reference a component waits for: its name, the service interface and the target filter. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record MissingReference(String reference, String service, String target) {
    }

    boolean isUp() {
        return ACTIVE.equals(state);
    }
}
