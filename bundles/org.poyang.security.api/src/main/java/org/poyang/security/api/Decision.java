package org.poyang.security.api;

/**
 * The answer of the policy enforcement point: permit or deny, why, and under which article.
 *
 * @param permit   whether the request may go ahead
 * @param reasonZh the reason in Chinese
 * @param reasonEn the reason in English
 * @param article  the article of the Measures the rule implements, e.g. {@code Art. 39}
 */
public record Decision(boolean permit, String reasonZh, String reasonEn, String article) {

    public static Decision permit(String reasonZh, String reasonEn, String article) {
        return new Decision(true, reasonZh, reasonEn, article);
    }

    public static Decision deny(String reasonZh, String reasonEn, String article) {
        return new Decision(false, reasonZh, reasonEn, article);
    }

    /** One line for people: Chinese reason, then English and the article. */
    public String describe() {
        return reasonZh + " (" + reasonEn + "; " + article + ")";
    }
}
