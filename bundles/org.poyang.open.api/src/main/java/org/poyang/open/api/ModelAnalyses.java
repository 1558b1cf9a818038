package org.poyang.open.api;

import org.osgi.annotation.versioning.ProviderType;
import org.poyang.security.api.Subject;

/**
 * Results of algorithm models (数据可用不可见, Art. 18): an analysis runs inside the platform under the
 * caller's grants, within time and memory limits, and only aggregates that pass disclosure control leave.
 * The analysis, its inputs and its released result are audited.
 */
@ProviderType
public interface ModelAnalyses {

    /**
     * Runs an analysis. Refused with a clear reason, and nothing released: data the caller may not
     * analyse (no grant for the model-results route, items outside the grant), personal or sensitive
     * items used to group or filter, unknown items or functions, and analyses past the limits on time,
     * groups or joined records.
     */
    AnalysisResult run(Subject caller, AnalysisRequest request);
}
