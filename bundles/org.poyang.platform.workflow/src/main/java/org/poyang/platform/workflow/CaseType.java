package org.poyang.platform.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of case and its state machine, defined by the module that owns it.
 *
 * @param name          stable name, e.g. {@code open.application}
 * @param initial       the state a case is opened in
 * @param transitions   state to the states it may move to; a state without an entry is final
 * @param waiting       states in which the case waits on the applicant: the clock is paused (补正)
 * @param workingDays   working days the handler has, counted after the day of receipt
 */
public record CaseType(String name, String initial, Map<String, Set<String>> transitions, Set<String> waiting, int workingDays) {

    public CaseType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initial, "initial");
        Map<String, Set<String>> t = new LinkedHashMap<>();
        transitions.forEach((k, v) -> t.put(k, Set.copyOf(v)));
        transitions = Map.copyOf(t);
        waiting = Set.copyOf(waiting);
        if (!transitions.containsKey(initial)) {
            throw new IllegalArgumentException("the initial state " + initial + " must lead somewhere");
        }
        if (workingDays < 1) {
            throw new IllegalArgumentException("workingDays >= 1");
        }
    }

    /** Whether a case in {@code state} is finished (no way out). */
    public boolean isFinal(String state) {
        return !transitions.containsKey(state);
    }

    /** Whether {@code from -> to} is a step of this type. */
    public boolean allows(String from, String to) {
        return transitions.getOrDefault(from, Set.of()).contains(to);
    }
}
