package org.poyang.open.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.security.api.Subject;

/**
 * Applications for conditional open data (Art. 18). Every method asks the policy enforcement point
 * first and refuses with a clear reason; nothing is changed by a refused call.
 */
@ProviderType
public interface OpenApplications {

    /**
     * Receives an application. Refused: data that is not open (Art. 17), unconditionally open data
     * (downloaded directly, no application), missing identity, purpose or items, items the resource does
     * not have, a second pending application of the same applicant for the same resource.
     */
    Application apply(Subject applicant, ApplicationForm form);

    /** One application, for its applicant, the providing agency, the management department and supervisors. */
    Application get(Subject caller, String id);

    /** Every step of an application, oldest first. */
    List<CaseEvent> history(Subject caller, String id);

    /** The caller's own applications, newest first. */
    List<Application> mine(Subject caller);

    /**
     * Applications an agency must answer (or, for the management department and supervisors with a null
     * agency, every agency's): open ones by nearest deadline, or only the overdue ones.
     */
    List<Application> handled(Subject caller, String agency, boolean openOnly, boolean overdueOnly, int offset, int limit);

    /** The agency asks the applicant for material (补正): the clock pauses. */
    Application requestMaterial(Subject caller, String id, String what);

    /** The applicant supplies the material: the clock resumes with the working days that were left. */
    Application supplyMaterial(Subject caller, String id, String material);

    /** The agency approves with the method, time and requirements of provision; a grant is issued. */
    Application approve(Subject caller, String id, Approval approval);

    /** The agency refuses, with reasons. */
    Application refuse(Subject caller, String id, String reasons);

    /** The applicant withdraws the application. */
    Application withdraw(Subject caller, String id, String reason);
}
