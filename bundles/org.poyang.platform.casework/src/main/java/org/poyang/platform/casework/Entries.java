package org.poyang.platform.casework;

import java.util.List;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.Resource;

/** Catalog look-ups the open and share modules' services share. */
public final class Entries {

    private Entries() {
    }

    /**
     * The entry with this resource code.
     *
     * @param field the request field that named it, for the violation
     * @throws ProblemException 422 for a malformed or missing code, 404 for an unknown one
     */
    public static CatalogEntry find(CatalogService catalog, String code, String field) {
        if (code == null || code.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须指明数据资源 (name the resource)",
                    List.of(new Violation(field, "须填写资源代码", "give the resource code")));
        }
        ResourceCode rc;
        try {
            rc = ResourceCode.parse(code.strip());
        } catch (InvalidIdentifierException ex) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, ex.getMessage(), List.of(new Violation(field, ex.messageZh(), ex.messageEn())));
        }
        return catalog.get(rc).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "信息资源 " + rc.value() + " 不存在 (no catalog entry "
                + rc.value() + ")"));
    }

    /** The attributes of an entry the policy enforcement point decides on. */
    public static Resource resource(CatalogEntry e) {
        return new Resource(e.code().value(), e.provider().value(), Resource.Open.valueOf(e.openType().name()),
                Resource.Share.valueOf(e.shareType().name()), e.grade().toString(), e.status() == EntryStatus.PUBLISHED);
    }
}
