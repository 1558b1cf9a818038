package org.poyang.security.api;

import java.util.Set;

/**
 * The answer of the policy enforcement point: permit or deny, why, and under which article.
 *
 * @param permit   whether the request may go ahead
 * @param reasonZh the reason in Chinese
 * @param reasonEn the reason in English
 * @param article  the article of the Measures the rule implements, e.g. {@code Art. 39}
 * @param items    when a grant limits the permit to some data items, those items; null for no limit.
 *                 The module serving the data returns only these (Art. 24).
 */
public record Decision(boolean permit, String reasonZh, String reasonEn, String article, Set<String> items) {

    public Decision {
        items = items == null ? null : Set.copyOf(items);
    }

    public Decision(boolean permit, String reasonZh, String reasonEn, String article) {
        this(permit, reasonZh, reasonEn, article, null);
    }

    public static Decision permit(String reasonZh, String reasonEn, String article) {
        return new Decision(true, reasonZh, reasonEn, article);
    }

    public static Decision deny(String reasonZh, String reasonEn, String article) {
        return new Decision(false, reasonZh, reasonEn, article);
    }

    /** The same decision, limited to these items. */
    public Decision limitedTo(Set<String> limit) {
        return new Decision(permit, reasonZh, reasonEn, article, limit);
    }

    /** Whether the permit covers this item. */
    public boolean covers(String item) {
        return items == null || items.contains(item);
    }

    /** One line for people: Chinese reason, then English and the article. */
    public String describe() {
        return reasonZh + " (" + reasonEn + "; " + article + ")";
    }
}
