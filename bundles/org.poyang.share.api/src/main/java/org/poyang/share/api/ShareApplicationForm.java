package org.poyang.share.api;

import java.util.List;

/**
 * What a using agency submits to apply for conditionally shared data (有条件共享申请, Art. 23).
 *
 * @param resource  the resource code
 * @param purpose   what the data is used for (用途); every call under the grant states it again (Art. 24)
 * @param legalDuty the legal duty (法定职责) the use serves, with its legal source
 * @param items     the data items applied for
 * @param route     {@code SHARE_API} (API call, REST or SOAP) or {@code SHARE_DOWNLOAD} (bulk download)
 * @param contact   who at the using agency to contact, and how
 * @param material  supporting material, in words, or null
 */
public record ShareApplicationForm(String resource, String purpose, String legalDuty, List<String> items, String route, String contact,
        String material) {
}
