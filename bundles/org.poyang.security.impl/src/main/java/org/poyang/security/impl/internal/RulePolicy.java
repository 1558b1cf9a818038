package org.poyang.security.impl.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.AuditUnavailableException;
import org.poyang.security.api.Decision;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Role;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;

/**
 * The policy enforcement point (策略执行点): one rule per {@link Action}, each naming its article.
 * The first rule of all is Art. 39: a suspended or terminated subject is denied everything.
 * <p>
 * Audited here: every denial, and every permitted data read, account administration, audit read,
 * key management and supervision step. Catalog edits and reviews are audited by the catalog as the
 * actions themselves; reads of catalog metadata, which is public or shared by design, are not.
 */
@Component(service = PolicyEnforcementPoint.class)
public final class RulePolicy implements PolicyEnforcementPoint {

    /** Scope an application key needs to read open data through the API (Art. 18). */
    static final String SCOPE_OPEN_READ = "open.read";
    /** Scope an agency system's key needs to read shared data (Art. 23). */
    static final String SCOPE_SHARE_READ = "share.read";
    /** Scope an agency system's key needs to deliver its agency's data to the platform (Art. 10). */
    static final String SCOPE_COLLECT_WRITE = "collect.write";

    /** Art. 39: a suspended or terminated subject is denied everything; the REST filter uses it too. */
    static final Decision SUSPENDED = Decision.deny("主体已被暂停或终止访问", "the subject is suspended or terminated", "Art. 39");

    private final AuditTrail audit;
    private final GrantService grants;
    private final Clock clock;

    @Activate
    public RulePolicy(@Reference AuditTrail audit, @Reference GrantService grants) {
        this(audit, grants, Clock.systemUTC());
    }

    /** A policy without grants: conditional data is refused to everyone (benchmarks, tests). */
    RulePolicy(AuditTrail audit) {
        this(audit, null, Clock.systemUTC());
    }

    RulePolicy(AuditTrail audit, GrantService grants, Clock clock) {
        this.audit = audit;
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public Decision decide(AccessRequest request) {
        Decision d = rule(request, grants, clock.instant());
        if (!d.permit() || audited(request.action())) {
            Subject s = request.subject();
            Resource r = request.resource();
            try {
                audit.record(new AuditEvent(s.id(), s.agency(), "pep." + request.action().name().toLowerCase(Locale.ROOT),
                        r == null ? null : r.id(), request.purpose(), request.grantId(),
                        d.permit() ? AuditEvent.Outcome.PERMIT : AuditEvent.Outcome.DENY, d.describe()));
            } catch (AuditUnavailableException e) {
                // Art. 30: nothing is served unaudited; the caller is told the service is unavailable, not why
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "审计日志暂不可用，请稍后再试 (the audit trail is "
                        + "unavailable: try again later)");
            }
        }
        return d;
    }

    private static boolean audited(Action action) {
        return switch (action) {
            case OPEN_CATALOG_READ, SHARE_CATALOG_READ, UNPUBLISHED_ENTRY_READ, CATALOG_EDIT, CATALOG_REVIEW, AGENCY_REGISTER -> false;
            default -> true;
        };
    }

    /** The rules without grants: conditional data is refused. */
    static Decision rule(AccessRequest request) {
        return rule(request, null, Instant.now());
    }

    /**
     * The rules; package-private so that each can be tested on its own.
     *
     * @param grants where grants are looked up, or null when there are none
     * @param now    the time grants are checked at
     */
    static Decision rule(AccessRequest request, GrantService grants, Instant now) {
        Subject s = request.subject();
        if (!s.active()) {
            return SUSPENDED;
        }
        Resource r = request.resource();
        return switch (request.action()) {
            case OPEN_CATALOG_READ -> Decision.permit("开放目录向社会公开", "the open catalog is public", "Art. 9, 17");
            case SHARE_CATALOG_READ -> staffOfAgencies(s)
                    ? Decision.permit("共享目录供公共管理和服务机构查询", "the share catalog serves agencies", "Art. 21, 23")
                    : signInFirst(s, "共享目录仅供公共管理和服务机构查询", "the share catalog is for agencies only", "Art. 21, 23");
            case UNPUBLISHED_ENTRY_READ -> s.managementStaff() || ownAgency(s, r)
                    ? Decision.permit("未发布条目仅提供单位和公共数据主管部门可见", "unpublished entries are visible to their provider and the management department", "Art. 9")
                    : signInFirst(s, "未发布条目仅提供单位和公共数据主管部门可见", "unpublished entries are visible only to their provider and the management department", "Art. 9");
            case CATALOG_EDIT -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.DATA_OFFICER) && ownAgency(s, r)
                    ? Decision.permit("提供单位编制本单位目录", "an agency catalogs its own data", "Art. 6, 9")
                    : signInFirst(s, "仅提供单位的数据专员可以编制本单位目录", "only the providing agency's data officers may catalog its data", "Art. 6, 9");
            case CATALOG_REVIEW, AGENCY_REGISTER -> s.kind() == Subject.Kind.ACCOUNT && s.managementStaff() && s.has(Role.CATALOG_REVIEWER)
                    ? Decision.permit("公共数据主管部门审核目录", "the management department reviews the catalog", "Art. 9")
                    : signInFirst(s, "仅公共数据主管部门的目录审核员可以审核目录和登记单位", "only catalog reviewers of the management department may review entries and register agencies", "Art. 9");
            case ACCOUNT_ADMIN -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.SECURITY_ADMIN)
                    ? Decision.permit("安全管理员管理账户", "the security administrator manages accounts", "Art. 35")
                    : signInFirst(s, "仅安全管理员可以管理账户（三员分立）", "only the security administrator manages accounts (separation of duties)", "Art. 35");
            case KEY_MANAGE -> s.kind() == Subject.Kind.ACCOUNT
                    ? Decision.permit("账户管理本人应用的密钥", "an account manages its own applications' keys", "Art. 18")
                    : signInFirst(s, "须以账户登录后管理应用密钥", "sign in with an account to manage application keys", "Art. 18");
            case AUDIT_READ -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.AUDIT_ADMIN)
                    ? Decision.permit("审计管理员查阅审计日志", "the audit administrator reads the audit trail", "Art. 30, 35")
                    : signInFirst(s, "仅审计管理员可以查阅审计日志（三员分立）", "only the audit administrator reads the audit trail (separation of duties)", "Art. 30, 35");
            case SUPERVISE -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.SUPERVISOR)
                    ? Decision.permit("监督员责令整改、暂停或终止访问", "a supervisor demands rectification, suspends or terminates", "Art. 39")
                    : signInFirst(s, "仅监督员可以暂停或终止用户和应用", "only supervisors may suspend or terminate users and applications", "Art. 39");
            case OPEN_DATA_READ -> openData(s, request, grants, now);
            case SHARE_DATA_READ -> sharedData(s, request, grants, now);
            case DATA_DELIVER -> deliver(s, r);
            case COLLECT_MONITOR -> s.managementStaff() || s.has(Role.SUPERVISOR) || (staffOfAgencies(s) && ownAgency(s, r))
                    ? Decision.permit("提供单位及主管部门、监督员跟踪归集情况", "the provider, the management department and supervisors follow aggregation", "Art. 13, 41")
                    : signInFirst(s, "归集情况仅提供单位、公共数据主管部门和监督员可见", "aggregation is visible only to the provider, the management department and supervisors", "Art. 13, 41");
            case OPEN_APPLY -> apply(s);
            case DISPUTE_FILE -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.DATA_OFFICER) && s.agency() != null && staffOfAgencies(s)
                    ? Decision.permit("公共管理和服务机构就开放主体争议协商", "agencies negotiate disputes over who opens data", "Art. 20")
                    : signInFirst(s, "仅争议各方的数据专员可以登记和协商开放主体争议", "only the agencies' data officers record and negotiate such disputes", "Art. 20");
            case DISPUTE_DECIDE -> s.kind() == Subject.Kind.ACCOUNT && s.managementStaff() && s.has(Role.CATALOG_REVIEWER)
                    ? Decision.permit("公共数据管理部门征求专家委员会意见后处理争议", "the management department decides after the expert committee's opinion", "Art. 20")
                    : signInFirst(s, "仅公共数据管理部门可以记录专家意见并作出处理决定", "only the management department records the expert opinion and decides", "Art. 20");
            case EMERGENCY_DECLARE -> s.kind() == Subject.Kind.ACCOUNT && s.managementStaff() && s.has(Role.CATALOG_REVIEWER)
                    ? Decision.permit("公共数据管理部门为突发事件开放数据", "the management department opens data for an emergency", "Art. 16")
                    : signInFirst(s, "仅公共数据管理部门可以宣布突发事件并开放相关数据", "only the management department declares emergencies and opens data for them", "Art. 16");
            case SHOWCASE_SUBMIT -> s.kind() == Subject.Kind.ACCOUNT && s.type() != null && !s.type().staff()
                    ? Decision.permit("利用主体登记开放数据应用", "users register what they built on open data", "Art. 25, 28")
                    : signInFirst(s, "应用由自然人、法人和非法人组织以账户登记", "applications are registered by persons and organisations with their accounts", "Art. 25, 28");
            case OPEN_DEMAND -> s.kind() == Subject.Kind.ACCOUNT && s.type() != null && !s.type().staff()
                    ? Decision.permit("社会公众可以提出开放需求并投票", "the public may ask for data to be opened and vote", "Art. 14, 15")
                    : signInFirst(s, "开放需求由自然人、法人和非法人组织以账户提出，每人一票", "demands come from persons and organisations with their accounts, one vote each", "Art. 14, 15");
            case OBJECTION_FILE -> s.kind() == Subject.Kind.ACCOUNT && s.type() != null && !s.type().staff()
                    ? Decision.permit("自然人、法人和非法人组织可以对开放数据提出异议", "persons and organisations may object to open data", "Art. 19")
                    : s.anonymous() ? Decision.deny("请先登录；异议须以本人账户提出，以便反馈", "sign in first; object with your own account so that the answer reaches you", "Art. 19")
                    : Decision.deny("异议由自然人、法人和非法人组织以账户提出", "objections come from persons and organisations, with their accounts", "Art. 19");
            case APPLICATION_ANSWER -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.DATA_OFFICER) && ownAgency(s, r)
                    ? Decision.permit("提供单位答复涉及本单位数据的申请", "the providing agency answers applications for its data", "Art. 18, 19, 23")
                    : signInFirst(s, "仅提供单位的数据专员可以答复申请", "only the providing agency's data officers answer applications for its data", "Art. 18, 19, 23");
            case SHARE_APPLY -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.DATA_OFFICER) && s.agency() != null && staffOfAgencies(s)
                    ? Decision.permit("公共管理和服务机构申请有条件共享数据", "agencies apply for conditionally shared data", "Art. 23")
                    : signInFirst(s, "仅公共管理和服务机构的数据专员可以申请共享数据", "only agencies' data officers apply for shared data", "Art. 23");
            case SHARE_NEGOTIATE -> s.kind() == Subject.Kind.ACCOUNT && s.has(Role.DATA_OFFICER) && s.agency() != null && staffOfAgencies(s)
                    ? Decision.permit("使用单位与提供单位就不予共享数据协商", "the using and the providing agency negotiate over data not shared", "Art. 23")
                    : signInFirst(s, "仅协商双方的数据专员可以协商不予共享数据", "only the data officers of the two agencies negotiate", "Art. 23");
            case SHARE_COORDINATE -> s.kind() == Subject.Kind.ACCOUNT && s.managementStaff() && s.has(Role.CATALOG_REVIEWER)
                    ? Decision.permit("公共数据主管部门协调共享争议", "the management department coordinates", "Art. 23")
                    : signInFirst(s, "仅公共数据主管部门可以作出协调决定", "only the management department records coordination decisions", "Art. 23");
            case SHARE_TRACE -> s.managementStaff() || s.has(Role.SUPERVISOR) || (staffOfAgencies(s) && ownAgency(s, r))
                    ? Decision.permit("提供单位及主管部门、监督员追查数据流向", "the provider, the management department and supervisors trace where data went", "Art. 24, 41")
                    : signInFirst(s, "仅提供单位、公共数据主管部门和监督员可以追查数据流向", "only the provider, the management department and supervisors trace data", "Art. 24, 41");
            case CASE_OVERSEE -> s.managementStaff() || s.has(Role.SUPERVISOR) || (staffOfAgencies(s) && ownAgency(s, r))
                    ? Decision.permit("提供单位及主管部门、监督员跟踪办理期限", "the provider, the management department and supervisors follow deadlines", "Art. 18, 41")
                    : signInFirst(s, "办理情况仅提供单位、公共数据主管部门和监督员可见", "cases are visible only to the provider, the management department and supervisors", "Art. 18, 41");
        };
    }

    private static Decision openData(Subject s, AccessRequest request, GrantService grants, Instant now) {
        Resource r = request.resource();
        if (r == null || !r.published() || r.open() == null) {
            return Decision.deny("数据资源未发布", "the resource is not published", "Art. 9");
        }
        if (s.kind() == Subject.Kind.APPLICATION && !s.scopes().contains(SCOPE_OPEN_READ)) {
            return Decision.deny("应用密钥未授权读取开放数据", "the application key lacks scope " + SCOPE_OPEN_READ, "Art. 18");
        }
        return switch (r.open()) {
            case UNCONDITIONAL -> Decision.permit("无条件开放数据可直接获取", "unconditionally open data may be obtained directly", "Art. 18");
            case CONDITIONAL -> request.grantId() == null
                    ? signInFirst(s, "有条件开放数据须经申请获批", "conditionally open data needs an approved application", "Art. 18")
                    : granted(s, request, grants, now, Grant.Kind.OPEN, "Art. 18");
            case NOT_OPEN -> request.grantId() == null
                    ? Decision.deny("该数据不予开放", "this data is not open", "Art. 17")
                    : publicGrant(s, request, grants, now);
        };
    }

    private static Decision sharedData(Subject s, AccessRequest request, GrantService grants, Instant now) {
        Resource r = request.resource();
        if (!staffOfAgencies(s) || s.agency() == null) {
            return signInFirst(s, "共享数据仅提供给公共管理和服务机构", "shared data goes to agencies only", "Art. 21, 23");
        }
        if (s.kind() == Subject.Kind.APPLICATION && !s.scopes().contains(SCOPE_SHARE_READ)) {
            return Decision.deny("应用密钥未授权读取共享数据", "the application key lacks scope " + SCOPE_SHARE_READ, "Art. 23");
        }
        if (request.purpose() == null || request.purpose().isBlank()) {
            return Decision.deny("须说明用于履行何种法定职责", "state the legal duty the data serves (purpose)", "Art. 24");
        }
        if (r == null || !r.published() || r.share() == null) {
            return Decision.deny("数据资源未发布", "the resource is not published", "Art. 9");
        }
        return switch (r.share()) {
            case UNCONDITIONAL -> Decision.permit("无条件共享数据按职责使用", "unconditionally shared data, used for the stated duty", "Art. 23, 24");
            case CONDITIONAL -> request.grantId() == null
                    ? Decision.deny("有条件共享数据须经申请获批", "conditionally shared data needs an approved application", "Art. 23")
                    : granted(s, request, grants, now, Grant.Kind.SHARE, "Art. 23, 24");
            case NOT_SHARED -> request.grantId() == null
                    ? Decision.deny("该数据不予共享，须协商或由主管部门协调", "not shared: negotiate with the provider, or ask the management department to coordinate", "Art. 23")
                    : granted(s, request, grants, now, Grant.Kind.SHARE, "Art. 23, 24");
        };
    }

    /**
     * Art. 16: data not open in ordinary times may be opened to everyone for an emergency, by a grant to
     * {@link Grant#PUBLIC} that lasts as long as the event; no other grant opens it (Art. 17).
     */
    private static Decision publicGrant(Subject s, AccessRequest request, GrantService grants, Instant now) {
        Optional<Grant> g = grants == null ? Optional.empty() : grants.get(request.grantId());
        if (g.isEmpty() || !Grant.PUBLIC.equals(g.get().holder())) {
            return Decision.deny("该数据不予开放", "this data is not open", "Art. 17");
        }
        return granted(s, request, grants, now, Grant.Kind.OPEN, "Art. 16");
    }

    /**
     * Art. 18, 23, 24: conditional data is served only under a grant that exists, covers this resource,
     * is held by the caller, is neither revoked nor expired, allows the route asked for and, for shared
     * data, was given for the purpose the call states. The permit is limited to the grant's items.
     */
    private static Decision granted(Subject s, AccessRequest request, GrantService grants, Instant now, Grant.Kind kind, String article) {
        String id = request.grantId();
        Optional<Grant> found = grants == null ? Optional.empty() : grants.get(id);
        if (found.isEmpty() || found.get().kind() != kind) {
            return Decision.deny("未找到该授权", "no grant " + id, article);
        }
        Grant g = found.get();
        Resource r = request.resource();
        if (!g.resource().equals(r.id())) {
            return Decision.deny("该授权不涵盖此数据资源", "grant " + id + " does not cover " + r.id(), article);
        }
        if (!grants.holds(s, g)) {
            return Decision.deny("该授权不属于调用者", "grant " + id + " is held by another", article);
        }
        if (g.status() == Grant.Status.REVOKED) {
            return Decision.deny("该授权已撤销", "grant " + id + " is revoked", article);
        }
        if (!now.isBefore(g.expiresAt())) {
            return Decision.deny("该授权已过期", "grant " + id + " expired at " + g.expiresAt(), article);
        }
        if (request.route() != null && !g.routes().contains(request.route())) {
            return Decision.deny("该授权不包括此提供方式", "grant " + id + " does not allow " + request.route(), article);
        }
        if (kind == Grant.Kind.SHARE && (request.purpose() == null || !request.purpose().strip().equals(g.purpose()))) {
            return Decision.deny("用途与授权不符，共享数据只能用于授权时说明的用途", "the stated purpose is not the grant's: shared data serves "
                    + "only the purpose it was granted for", "Art. 24");
        }
        return Decision.permit("在授权范围内使用", "within grant " + id, article).limitedTo(g.items());
    }

    /**
     * Art. 6, 10: an agency aggregates its own catalogued data to the platform, by its data officers
     * or by its systems holding a key with scope {@value #SCOPE_COLLECT_WRITE}.
     */
    private static Decision deliver(Subject s, Resource r) {
        boolean officer = s.kind() == Subject.Kind.ACCOUNT && s.has(Role.DATA_OFFICER);
        boolean system = s.kind() == Subject.Kind.APPLICATION && s.scopes().contains(SCOPE_COLLECT_WRITE);
        if (!officer && !system) {
            return s.kind() == Subject.Kind.APPLICATION
                    ? Decision.deny("应用密钥未授权归集数据", "the application key lacks scope " + SCOPE_COLLECT_WRITE, "Art. 10")
                    : signInFirst(s, "仅提供单位的数据专员或其系统可以归集数据", "only the providing agency's data officers or systems may deliver its data", "Art. 6, 10");
        }
        return ownAgency(s, r)
                ? Decision.permit("提供单位向平台归集本单位数据", "an agency delivers its own data to the platform", "Art. 6, 10")
                : Decision.deny("只能归集本单位提供的数据", "an agency delivers only the data it provides", "Art. 6, 10");
    }

    /**
     * Art. 18: natural persons, legal persons and other organisations apply for conditional open data with
     * their own accounts; agencies obtain data through sharing (Art. 23).
     */
    private static Decision apply(Subject s) {
        if (s.kind() != Subject.Kind.ACCOUNT) {
            return s.anonymous()
                    ? Decision.deny("请先登录；申请须以本人账户提交", "sign in first; apply with your own account", "Art. 18")
                    : Decision.deny("申请须以账户提交，不能使用应用密钥", "apply with an account, not an application key", "Art. 18");
        }
        if (s.type() == null || s.type().staff()) {
            return Decision.deny("公共管理和服务机构通过共享申请获取数据", "agencies obtain data by a sharing request", "Art. 18, 23");
        }
        return Decision.permit("自然人、法人和非法人组织可以申请有条件开放数据", "persons and organisations may apply for conditionally open data", "Art. 18");
    }

    /** Agency and management staff (and systems acting for them) may use the share catalog and shared data. */
    private static boolean staffOfAgencies(Subject s) {
        return s.type() == SubjectType.AGENCY_STAFF || s.type() == SubjectType.MANAGEMENT_STAFF;
    }

    private static boolean ownAgency(Subject s, Resource r) {
        return r != null && r.provider() != null && s.agency() != null && s.agency().equals(r.provider());
    }

    /** A denial; anonymous callers are told to sign in (the exception turns it into 401). */
    private static Decision signInFirst(Subject s, String zh, String en, String article) {
        return s.anonymous() ? Decision.deny("请先登录；" + zh, "sign in first; " + en, article) : Decision.deny(zh, en, article);
    }
}
