package org.poyang.security.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The masking policy (脱敏策略, Art. 13, 31): item sensitive type x grade x consumer x route to a
 * {@link MaskRule}. Every output path (REST, SOAP, downloads) masks the rows it returns with the
 * plan the policy makes for the permitted read.
 */
@ProviderType
public interface MaskingPolicy {

    /** The rule for one item leaving by {@code route} to {@code subject}. */
    MaskRule ruleFor(ItemClass item, Subject subject, Route route);

    /** A plan for rows whose columns are {@code items}, in that order. */
    MaskPlan plan(List<ItemClass> items, Subject subject, Route route);

    /** The rules for each column of a row, and the masker that applies them. */
    interface MaskPlan {
        /** The rule of each column. */
        List<MaskRule> rules();

        /** The row with every column masked by its rule; the input is not changed. */
        String[] apply(String[] row);
    }
}
