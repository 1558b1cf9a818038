package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.Decision;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Role;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;

/** Each rule of the policy enforcement point, with the article it names. */
class RulePolicyTest {

    static final String AGENCY = "11360100MB1234567X";
    static final String OTHER = "11360000MB7654321Y";
    static final String BUREAU = "11360000MB0000001A";

    static Subject account(String id, SubjectType type, String agency, Role... roles) {
        return new Subject(Subject.Kind.ACCOUNT, id, type, agency, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), Set.of(), true);
    }

    static final Subject OFFICER = account("officer", SubjectType.AGENCY_STAFF, AGENCY, Role.DATA_OFFICER);
    static final Subject CLERK = account("clerk", SubjectType.AGENCY_STAFF, AGENCY);
    static final Subject REVIEWER = account("reviewer", SubjectType.MANAGEMENT_STAFF, BUREAU, Role.CATALOG_REVIEWER);
    static final Subject CITIZEN = account("citizen", SubjectType.NATURAL_PERSON, null, Role.APPLICANT);
    static final Subject SECADMIN = account("secadmin", SubjectType.OPERATOR, null, Role.SECURITY_ADMIN);
    static final Subject AUDITADMIN = account("auditadmin", SubjectType.OPERATOR, null, Role.AUDIT_ADMIN);
    static final Subject SYSADMIN = account("sysadmin", SubjectType.OPERATOR, null, Role.SYSTEM_ADMIN);
    static final Subject SUPERVISOR = account("supervisor", SubjectType.CAC_SUPERVISOR, null, Role.SUPERVISOR);
    static final Subject SUSPENDED = new Subject(Subject.Kind.ACCOUNT, "officer", SubjectType.AGENCY_STAFF, AGENCY,
            Set.of(Role.DATA_OFFICER), Set.of(), false);

    static Resource entry(String provider, Resource.Open open, Resource.Share share, boolean published) {
        return new Resource("101001/000001", provider, open, share, "GENERAL_2", published);
    }

    static Decision decide(Subject s, Action a, Resource r) {
        return RulePolicy.rule(AccessRequest.of(s, a, r));
    }

    @Test
    void suspendedOrTerminatedSubjectsAreDeniedEverythingUnderArticle39() {
        for (Action a : Action.values()) {
            Decision d = decide(SUSPENDED, a, entry(AGENCY, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, true));
            assertThat(d.permit()).as(a.name()).isFalse();
            assertThat(d.article()).isEqualTo("Art. 39");
        }
    }

    @Test
    void theOpenCatalogIsPublicAndTheShareCatalogIsForAgencies() {
        assertThat(decide(Subject.ANONYMOUS, Action.OPEN_CATALOG_READ, null).permit()).isTrue();
        assertThat(decide(Subject.ANONYMOUS, Action.SHARE_CATALOG_READ, null).permit()).isFalse();
        assertThat(decide(CITIZEN, Action.SHARE_CATALOG_READ, null).article()).isEqualTo("Art. 21, 23");
        assertThat(decide(CITIZEN, Action.SHARE_CATALOG_READ, null).permit()).isFalse();
        assertThat(decide(CLERK, Action.SHARE_CATALOG_READ, null).permit()).isTrue();
        assertThat(decide(REVIEWER, Action.SHARE_CATALOG_READ, null).permit()).isTrue();
    }

    @Test
    void unpublishedEntriesAreForTheirProviderAndTheManagementDepartment() {
        Resource draft = entry(AGENCY, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, false);
        assertThat(decide(CLERK, Action.UNPUBLISHED_ENTRY_READ, draft).permit()).isTrue();
        assertThat(decide(REVIEWER, Action.UNPUBLISHED_ENTRY_READ, draft).permit()).isTrue();
        Decision other = decide(account("x", SubjectType.AGENCY_STAFF, OTHER, Role.DATA_OFFICER), Action.UNPUBLISHED_ENTRY_READ, draft);
        assertThat(other.permit()).isFalse();
        assertThat(other.article()).isEqualTo("Art. 9");
        assertThat(decide(Subject.ANONYMOUS, Action.UNPUBLISHED_ENTRY_READ, draft).reasonEn()).startsWith("sign in first");
    }

    @Test
    void onlyTheProvidersDataOfficersCatalogItsData() {
        Resource own = entry(AGENCY, null, null, false);
        assertThat(decide(OFFICER, Action.CATALOG_EDIT, own).permit()).isTrue();
        assertThat(decide(OFFICER, Action.CATALOG_EDIT, own).article()).isEqualTo("Art. 6, 9");
        assertThat(decide(OFFICER, Action.CATALOG_EDIT, entry(OTHER, null, null, false)).permit()).as("another agency").isFalse();
        assertThat(decide(CLERK, Action.CATALOG_EDIT, own).permit()).as("no data officer role").isFalse();
        assertThat(decide(REVIEWER, Action.CATALOG_EDIT, own).permit()).as("reviewers review, they do not write").isFalse();
        Subject app = new Subject(Subject.Kind.APPLICATION, "app:k1", SubjectType.AGENCY_STAFF, AGENCY, Set.of(), Set.of("share.read"), true);
        assertThat(decide(app, Action.CATALOG_EDIT, own).permit()).as("applications do not edit the catalog").isFalse();
    }

    @Test
    void onlyCatalogReviewersOfTheManagementDepartmentReviewAndRegisterAgencies() {
        for (Action a : new Action[] {Action.CATALOG_REVIEW, Action.AGENCY_REGISTER}) {
            assertThat(decide(REVIEWER, a, null).permit()).isTrue();
            assertThat(decide(REVIEWER, a, null).article()).isEqualTo("Art. 9");
            assertThat(decide(OFFICER, a, null).permit()).isFalse();
            assertThat(decide(SYSADMIN, a, null).permit()).isFalse();
            Subject reviewerAtAnAgency = account("r", SubjectType.AGENCY_STAFF, AGENCY, Role.CATALOG_REVIEWER);
            assertThat(decide(reviewerAtAnAgency, a, null).permit()).as("the role alone is not enough").isFalse();
        }
    }

    @Test
    void separatedAdministratorsEachDoTheirOwnJob() {
        assertThat(decide(SECADMIN, Action.ACCOUNT_ADMIN, null).permit()).isTrue();
        assertThat(decide(SYSADMIN, Action.ACCOUNT_ADMIN, null).permit()).isFalse();
        assertThat(decide(AUDITADMIN, Action.ACCOUNT_ADMIN, null).permit()).isFalse();
        assertThat(decide(AUDITADMIN, Action.AUDIT_READ, null).permit()).isTrue();
        assertThat(decide(SECADMIN, Action.AUDIT_READ, null).permit()).isFalse();
        assertThat(decide(SECADMIN, Action.AUDIT_READ, null).article()).isEqualTo("Art. 30, 35");
        assertThat(decide(SUPERVISOR, Action.SUPERVISE, null).permit()).isTrue();
        assertThat(decide(SECADMIN, Action.SUPERVISE, null).permit()).isFalse();
        assertThat(decide(SECADMIN, Action.SUPERVISE, null).article()).isEqualTo("Art. 39");
        assertThat(decide(CITIZEN, Action.KEY_MANAGE, null).permit()).isTrue();
        assertThat(decide(Subject.ANONYMOUS, Action.KEY_MANAGE, null).permit()).isFalse();
    }

    @Test
    void openDataFollowsItsOpenType() {
        Resource open = entry(AGENCY, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, true);
        assertThat(decide(Subject.ANONYMOUS, Action.OPEN_DATA_READ, open).permit()).isTrue();
        assertThat(decide(CITIZEN, Action.OPEN_DATA_READ, open).article()).isEqualTo("Art. 18");
        Subject noScope = new Subject(Subject.Kind.APPLICATION, "app:k", SubjectType.LEGAL_PERSON, null, Set.of(), Set.of(), true);
        assertThat(decide(noScope, Action.OPEN_DATA_READ, open).permit()).isFalse();
        Subject scoped = new Subject(Subject.Kind.APPLICATION, "app:k", SubjectType.LEGAL_PERSON, null, Set.of(), Set.of("open.read"), true);
        assertThat(decide(scoped, Action.OPEN_DATA_READ, open).permit()).isTrue();

        Resource conditional = entry(AGENCY, Resource.Open.CONDITIONAL, Resource.Share.UNCONDITIONAL, true);
        assertThat(decide(CITIZEN, Action.OPEN_DATA_READ, conditional).permit()).isFalse();
        assertThat(RulePolicy.rule(new AccessRequest(CITIZEN, Action.OPEN_DATA_READ, conditional, null, "g-unknown")).permit())
                .as("without a grant registry an unknown grant is no grant").isFalse();
        Decision notOpen = decide(CITIZEN, Action.OPEN_DATA_READ, entry(AGENCY, Resource.Open.NOT_OPEN, Resource.Share.UNCONDITIONAL, true));
        assertThat(notOpen.permit()).isFalse();
        assertThat(notOpen.article()).isEqualTo("Art. 17");
        assertThat(decide(CITIZEN, Action.OPEN_DATA_READ, entry(AGENCY, Resource.Open.UNCONDITIONAL, null, false)).permit())
                .as("unpublished").isFalse();
    }

    @Test
    void sharedDataNeedsAnAgencyAPurposeAndTheRightShareType() {
        Resource shared = entry(OTHER, Resource.Open.NOT_OPEN, Resource.Share.UNCONDITIONAL, true);
        Decision noPurpose = decide(CLERK, Action.SHARE_DATA_READ, shared);
        assertThat(noPurpose.permit()).isFalse();
        assertThat(noPurpose.article()).isEqualTo("Art. 24");
        assertThat(RulePolicy.rule(new AccessRequest(CLERK, Action.SHARE_DATA_READ, shared, "企业开办审批", null)).permit()).isTrue();
        assertThat(RulePolicy.rule(new AccessRequest(CITIZEN, Action.SHARE_DATA_READ, shared, "个人用途", null)).permit()).isFalse();
        Decision notShared = RulePolicy.rule(new AccessRequest(CLERK, Action.SHARE_DATA_READ,
                entry(OTHER, Resource.Open.NOT_OPEN, Resource.Share.NOT_SHARED, true), "企业开办审批", null));
        assertThat(notShared.permit()).isFalse();
        assertThat(notShared.article()).isEqualTo("Art. 23");
        assertThat(RulePolicy.rule(new AccessRequest(CLERK, Action.SHARE_DATA_READ,
                entry(OTHER, Resource.Open.NOT_OPEN, Resource.Share.CONDITIONAL, true), "企业开办审批", null)).permit()).isFalse();
    }

    @Test
    void anAgencyDeliversOnlyItsOwnDataByItsOfficersOrItsScopedSystemsUnderArticle10() {
        Resource own = entry(AGENCY, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, true);
        Resource other = entry(OTHER, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, true);
        assertThat(decide(OFFICER, Action.DATA_DELIVER, own).permit()).isTrue();
        assertThat(decide(OFFICER, Action.DATA_DELIVER, own).article()).isEqualTo("Art. 6, 10");
        assertThat(decide(OFFICER, Action.DATA_DELIVER, other).permit()).isFalse();
        assertThat(decide(CLERK, Action.DATA_DELIVER, own).permit()).as("staff without the data officer role").isFalse();
        assertThat(decide(REVIEWER, Action.DATA_DELIVER, own).permit()).isFalse();
        assertThat(decide(Subject.ANONYMOUS, Action.DATA_DELIVER, own).reasonEn()).startsWith("sign in first");
        Subject system = new Subject(Subject.Kind.APPLICATION, "app:k1", SubjectType.AGENCY_STAFF, AGENCY, Set.of(), Set.of(RulePolicy.SCOPE_COLLECT_WRITE), true);
        Subject unscoped = new Subject(Subject.Kind.APPLICATION, "app:k2", SubjectType.AGENCY_STAFF, AGENCY, Set.of(), Set.of(RulePolicy.SCOPE_SHARE_READ), true);
        assertThat(decide(system, Action.DATA_DELIVER, own).permit()).isTrue();
        assertThat(decide(system, Action.DATA_DELIVER, other).permit()).isFalse();
        assertThat(decide(unscoped, Action.DATA_DELIVER, own).reasonEn()).contains(RulePolicy.SCOPE_COLLECT_WRITE);
    }

    @Test
    void aggregationIsFollowedByTheProviderTheManagementDepartmentAndSupervisorsUnderArticle41() {
        Resource own = entry(AGENCY, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, true);
        assertThat(decide(CLERK, Action.COLLECT_MONITOR, own).permit()).isTrue();
        assertThat(decide(REVIEWER, Action.COLLECT_MONITOR, own).permit()).isTrue();
        assertThat(decide(SUPERVISOR, Action.COLLECT_MONITOR, own).permit()).isTrue();
        assertThat(decide(CLERK, Action.COLLECT_MONITOR, entry(OTHER, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, true)).permit())
                .isFalse();
        assertThat(decide(CITIZEN, Action.COLLECT_MONITOR, own).permit()).isFalse();
        assertThat(decide(Subject.ANONYMOUS, Action.COLLECT_MONITOR, own).article()).isEqualTo("Art. 13, 41");
    }

    /** Art. 30: when the audit store cannot write, a data read is refused with 503 and nothing is served unaudited. */
    @Test
    void aDataReadThatCannotBeAuditedIsA503() {
        org.poyang.security.api.AuditTrail down = new org.poyang.security.api.AuditTrail() {
            @Override
            public long record(org.poyang.security.api.AuditEvent event) {
                throw new org.poyang.security.api.AuditUnavailableException("disk full", null);
            }

            @Override
            public java.util.List<org.poyang.security.api.AuditRecord> search(String subject, String resource,
                    org.poyang.security.api.AuditEvent.Outcome outcome, java.time.Instant from, java.time.Instant to, long afterIndex, int limit) {
                return java.util.List.of();
            }

            @Override
            public long lastIndex() {
                return 0;
            }

            @Override
            public org.poyang.security.api.AuditVerification verify() {
                return new org.poyang.security.api.AuditVerification(true, 0, 0, 0, null);
            }
        };
        RulePolicy pep = new RulePolicy(down);
        Resource open = entry(AGENCY, Resource.Open.UNCONDITIONAL, Resource.Share.UNCONDITIONAL, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pep.decide(new AccessRequest(Subject.ANONYMOUS, Action.OPEN_DATA_READ, open, null, null)))
                .isInstanceOfSatisfying(org.poyang.platform.rest.ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(503));
        // reads of catalog metadata are not audited and go on
        assertThat(pep.decide(AccessRequest.of(Subject.ANONYMOUS, Action.OPEN_CATALOG_READ)).permit()).isTrue();
    }

    @Test
    void sharingStepsBelongToAgencyDataOfficersAndCoordinationToTheManagementDepartmentUnderArticle23() {
        Resource r = entry(AGENCY, Resource.Open.NOT_OPEN, Resource.Share.NOT_SHARED, true);
        Subject otherOfficer = account("other", SubjectType.AGENCY_STAFF, OTHER, Role.DATA_OFFICER);
        for (Action a : new Action[] {Action.SHARE_APPLY, Action.SHARE_NEGOTIATE}) {
            assertThat(decide(otherOfficer, a, r).permit()).as(a.name()).isTrue();
            assertThat(decide(otherOfficer, a, r).article()).isEqualTo("Art. 23");
            assertThat(decide(CLERK, a, r).permit()).as("a clerk is no data officer").isFalse();
            assertThat(decide(CITIZEN, a, r).permit()).as("sharing is between agencies").isFalse();
            assertThat(decide(Subject.ANONYMOUS, a, r).permit()).isFalse();
        }
        assertThat(decide(REVIEWER, Action.SHARE_COORDINATE, r).permit()).isTrue();
        assertThat(decide(OFFICER, Action.SHARE_COORDINATE, r).permit()).as("a party does not coordinate itself").isFalse();
        assertThat(decide(SUPERVISOR, Action.SHARE_COORDINATE, r).permit()).isFalse();
    }

    @Test
    void tracingALeakIsForTheProviderTheManagementDepartmentAndSupervisorsUnderArticle24() {
        Resource r = entry(AGENCY, Resource.Open.NOT_OPEN, Resource.Share.CONDITIONAL, true);
        assertThat(decide(CLERK, Action.SHARE_TRACE, r).permit()).isTrue();
        assertThat(decide(REVIEWER, Action.SHARE_TRACE, r).permit()).isTrue();
        assertThat(decide(SUPERVISOR, Action.SHARE_TRACE, r).permit()).isTrue();
        Decision other = decide(account("other", SubjectType.AGENCY_STAFF, OTHER, Role.DATA_OFFICER), Action.SHARE_TRACE, r);
        assertThat(other.permit()).as("the using agency does not trace the provider's data").isFalse();
        assertThat(other.article()).isEqualTo("Art. 24, 41");
        assertThat(decide(CITIZEN, Action.SHARE_TRACE, r).permit()).isFalse();
    }

    @Test
    void everyRuleNamesAnArticle() {
        Subject[] subjects = {Subject.ANONYMOUS, OFFICER, CLERK, REVIEWER, CITIZEN, SECADMIN, AUDITADMIN, SYSADMIN, SUPERVISOR, SUSPENDED};
        for (Subject s : subjects) {
            for (Action a : Action.values()) {
                Decision d = RulePolicy.rule(new AccessRequest(s, a, entry(AGENCY, Resource.Open.CONDITIONAL, Resource.Share.CONDITIONAL, true),
                        "履职", null));
                assertThat(d.article()).as(s.id() + " " + a).matches("Art\\. \\d+(, \\d+)*");
                assertThat(d.reasonZh()).as(s.id() + " " + a).containsPattern("\\p{IsHan}");
                assertThat(d.reasonEn()).as(s.id() + " " + a).isNotBlank();
            }
        }
    }
}
