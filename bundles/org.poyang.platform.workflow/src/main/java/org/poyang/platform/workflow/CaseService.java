package org.poyang.platform.workflow;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs cases of every module's types on the working-day clock; see the package description.
 */
@ProviderType
public interface CaseService {

    /**
     * Opens a case in its type's initial state, received today; its deadline is {@link CaseType#workingDays()}
     * working days after today.
     */
    Case open(CaseType type, NewCase c, String actor);

    /**
     * Moves a case one step. Entering a waiting state pauses the clock with the working days left after
     * today; leaving it resumes the clock from today (the day the material arrives is not counted, like
     * the day of receipt); entering a final state closes the case.
     *
     * @param expected the state the caller saw, or null to accept any state the step starts from
     * @param data     the case's new content, or null to keep it
     * @throws CaseStateException when the case does not exist, is not in {@code expected}, or cannot
     *         move to {@code to}
     */
    Case move(CaseType type, String id, String expected, String to, String actor, String note, String data);

    Optional<Case> get(String id);

    /** Every step of a case, oldest first. */
    List<CaseEvent> history(String id);

    /** Cases matching the query, oldest deadline first for open cases, newest first otherwise. */
    List<Case> find(CaseQuery query);

    /**
     * Records reminders for running cases with two working days or fewer left and flags cases past their deadline,
     * once each, and recomputes provisional deadlines once their year is known. Runs by itself every
     * hour; callable for operators and tests.
     *
     * @return the cases newly reminded or flagged overdue
     */
    List<Case> sweep();

    /** Today in China Standard Time, by the clock the service runs on. */
    LocalDate today();

    /** Now, by the clock the service runs on: modules date the content of their cases with it. */
    java.time.Instant now();
}
