package org.poyang.open.api;

import java.util.Map;

/**
 * An objection to open data (异议, Art. 19).
 *
 * @param resource    the resource code
 * @param key         the record objected to: its key values separated by {@code |}; may be null only for
 *                    an omission (a record that is missing)
 * @param kind        what is wrong
 * @param request     what the objector asks for
 * @param description the objection in the objector's words
 * @param correction  for a correction, item name to the right value; otherwise null
 * @param contact     a telephone number or e-mail address for the answer
 */
public record ObjectionForm(String resource, String key, Kind kind, Request request, String description, Map<String, String> correction,
        String contact) {

    /** What is wrong (Art. 19). Personal information and privacy take the record down at once. */
    public enum Kind {
        /** 错误 */
        ERROR,
        /** 遗漏 */
        OMISSION,
        /** 侵犯商业秘密 */
        TRADE_SECRET,
        /** 侵犯保密商务信息 */
        CONFIDENTIAL_BUSINESS,
        /** 侵犯个人隐私 */
        PRIVACY,
        /** 侵犯个人信息 */
        PERSONAL_INFORMATION;

        /** Whether the record is taken down at once, pending the decision. */
        public boolean takesDown() {
            return this == PRIVACY || this == PERSONAL_INFORMATION;
        }
    }

    /** What the objector asks for. */
    public enum Request {
        /** 更正 */
        CORRECT,
        /** 删除 */
        DELETE,
        /** 其他必要措施 */
        OTHER
    }
}
