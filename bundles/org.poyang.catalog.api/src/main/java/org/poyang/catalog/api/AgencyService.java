package org.poyang.catalog.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The register of agencies (公共管理和服务机构名录) behind the catalog (Art. 6, 9).
 * Refusals are {@code org.poyang.platform.rest.ProblemException}s listing every violation.
 */
@ProviderType
public interface AgencyService {

    /**
     * Registers an agency. Rules: a valid unified social credit code not yet registered (GB 32100);
     * a name of at most {@value #MAX_NAME_LENGTH} characters; a valid region code whose level is the
     * agency's level (GB/T 2260); a parent, when named, that is registered, whose region contains the
     * agency's and whose level is not below it.
     *
     * @param actor who registers it (recorded on the audit trail)
     * @return the stored agency
     */
    Agency register(NewAgency agency, String actor);

    /** {@link #register(NewAgency, String)} by an unnamed actor. */
    default Agency register(NewAgency agency) {
        return register(agency, null);
    }

    /** The agency with this code, if registered. */
    Optional<Agency> find(CreditCode creditCode);

    /** Registered agencies whose region lies inside {@code region} (all when null), ordered by region then code. */
    List<Agency> list(RegionCode region);

    /** Longest agency name accepted. */
    int MAX_NAME_LENGTH = 100;
}
