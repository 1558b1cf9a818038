package org.poyang.platform.health.internal;

import java.util.List;

/** The body of {@code /api/health}: UP when every required module is active. */
public record HealthReport(String status, List<ModuleHealth> modules) {
}
