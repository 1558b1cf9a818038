package org.poyang.open.api;

import java.time.Instant;
import org.poyang.catalog.api.PriorityCategory;

/**
 * A request for data to be opened, with its votes and answer.
 *
 * @param id          its id
 * @param title       what is wanted
 * @param description why
 * @param resource    the entry named, or null
 * @param provider    the agency that answers (the entry's provider, or the one named), or null for the
 *                    management department
 * @param category    the priority-open category, or null
 * @param requester   who asked
 * @param createdAt   when
 * @param votes       votes, one per account
 * @param status      {@code OPEN} (collecting votes), {@code PLANNED}, {@code OPENED} or {@code DECLINED}
 * @param answer      the answer, or null
 * @param answeredBy  who answered, or null
 * @param answeredAt  when, or null
 */
public record Demand(String id, String title, String description, String resource, String provider, PriorityCategory category,
        String requester, Instant createdAt, int votes, String status, String answer, String answeredBy, Instant answeredAt) {
}
