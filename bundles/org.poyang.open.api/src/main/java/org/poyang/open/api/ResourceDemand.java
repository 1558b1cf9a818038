package org.poyang.open.api;

/**
 * Demand for one of an agency's resources (Art. 14): how many requests name it and their votes.
 *
 * @param resource the resource code
 * @param demands  requests naming it that are not answered yet
 * @param votes    votes on those requests
 */
public record ResourceDemand(String resource, long demands, long votes) {
}
