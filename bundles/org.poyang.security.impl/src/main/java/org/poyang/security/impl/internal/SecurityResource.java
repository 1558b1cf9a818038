package org.poyang.security.impl.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Account;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Action;
import org.poyang.security.api.ApiKey;
import org.poyang.security.api.ApiKeyService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Role;
import org.poyang.security.api.Subject;

/**
 * Security administration at {@code /api/security}: accounts (security administrator), Art. 39
 * suspension and termination of users and applications (supervisors), an account's own
 * application keys, and audit trail search (audit administrator). Every call passes the policy
 * enforcement point first.
 */
@Component(service = SecurityResource.class, property = Endpoints.REST_ADDRESS + "=/security")
@Path("/")
@Tag(name = "security", description = "身份认证与访问控制 (authentication and access control)")
@Produces(MediaType.APPLICATION_JSON)
public final class SecurityResource {

    /** An Art. 39 step: the new status and why. */
    public record StatusChange(String status, String reason) {
    }

    /** A key request. */
    public record KeyRequest(String application, Set<String> scopes, Integer dailyQuota, String expiresAt) {
    }

    /** A reason for revoking a key. */
    public record Reason(String reason) {
    }

    /** A key suspension (Art. 39). */
    public record KeyStatus(Boolean suspended, String reason) {
    }

    private final AccountService accounts;
    private final ApiKeyService keys;
    private final AuditTrail audit;
    private final Authenticator authenticator;
    private final PolicyEnforcementPoint pep;

    @Activate
    public SecurityResource(@Reference AccountService accounts, @Reference ApiKeyService keys, @Reference AuditTrail audit,
            @Reference Authenticator authenticator, @Reference PolicyEnforcementPoint pep) {
        this.accounts = accounts;
        this.keys = keys;
        this.audit = audit;
        this.authenticator = authenticator;
        this.pep = pep;
    }

    private Subject enforce(SecurityContext security, Action action, String resource) {
        Subject s = Subject.of(security.getUserPrincipal());
        pep.enforce(AccessRequest.of(s, action, resource == null ? null : Resource.named(resource)));
        return s;
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "创建账户（安全管理员） (create an account: security administrator)")
    public Response createAccount(NewAccount body, @Context SecurityContext security) {
        Subject s = enforce(security, Action.ACCOUNT_ADMIN, body == null ? null : body.login());
        if (body == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "缺少请求体 (missing request body)");
        }
        Account a = accounts.create(body, s.id());
        return Response.status(201).entity(view(a)).build();
    }

    @GET
    @Path("accounts/{login}")
    @Operation(summary = "查看账户（安全管理员） (read an account: security administrator)")
    public Map<String, Object> account(@PathParam("login") String login, @Context SecurityContext security) {
        enforce(security, Action.ACCOUNT_ADMIN, login);
        return view(find(login));
    }

    @PUT
    @Path("accounts/{login}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "设置角色（安全管理员，三员分立） (set roles: security administrator, separation of duties)")
    public Map<String, Object> roles(@PathParam("login") String login, Set<Role> roles, @Context SecurityContext security) {
        Subject s = enforce(security, Action.ACCOUNT_ADMIN, login);
        return view(accounts.setRoles(find(login).id(), roles == null ? Set.of() : roles, s.id()));
    }

    /** A new password set by the security administrator. */
    public record NewPassword(String newPassword) {
        @Override
        public String toString() {
            return "NewPassword[]"; // never the password
        }
    }

    @POST
    @Path("accounts/{login}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "重置账户密码（安全管理员），该账户所有会话须重新登录 (reset an account's password: security administrator)")
    public Map<String, Object> resetPassword(@PathParam("login") String login, NewPassword body, @Context SecurityContext security) {
        Subject s = enforce(security, Action.ACCOUNT_ADMIN, login);
        Account a = accounts.resetPassword(find(login).id(), body == null ? null : body.newPassword(), s.id());
        authenticator.signOutEverywhere(a.login());
        return view(a);
    }

    @POST
    @Path("accounts/{login}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "暂停、恢复或终止账户（第三十九条） (suspend, restore or terminate an account, Art. 39)")
    public Map<String, Object> accountStatus(@PathParam("login") String login, StatusChange body, @Context SecurityContext security) {
        Subject s = enforce(security, Action.SUPERVISE, login);
        Account.Status to = parse(Account.Status.class, body == null ? null : body.status(), "status");
        Account a = accounts.setStatus(find(login).id(), to, body.reason(), s.id());
        if (a.status() != Account.Status.ACTIVE) {
            authenticator.signOutEverywhere(a.login());
        }
        return view(a);
    }

    @POST
    @Path("keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "为本人的应用签发 API 密钥（只显示一次） (issue an API key to one of your applications; shown once)")
    public Response issueKey(KeyRequest body, @Context SecurityContext security) {
        Subject s = enforce(security, Action.KEY_MANAGE, null);
        if (body == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "缺少请求体 (missing request body)");
        }
        Instant expires = null;
        if (body.expiresAt() != null && !body.expiresAt().isBlank()) {
            try {
                expires = Instant.parse(body.expiresAt().strip());
            } catch (DateTimeParseException e) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "有效期格式不正确 (expiresAt is not an ISO-8601 instant)",
                        List.of(new Violation("expiresAt", "须为 ISO-8601 时间，如 2027-01-01T00:00:00Z", "an ISO-8601 instant such as 2027-01-01T00:00:00Z")));
            }
        }
        ApiKeyService.Issued issued = keys.issue(s.id(), body.application(), body.scopes() == null ? Set.of() : body.scopes(),
                body.dailyQuota() == null ? 10_000 : body.dailyQuota(), expires, s.id());
        Map<String, Object> m = view(issued.key());
        m.put("key", issued.secret());
        return Response.status(201).entity(m).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("keys")
    @Operation(summary = "本人应用的 API 密钥 (your applications' API keys)")
    public List<Map<String, Object>> listKeys(@Context SecurityContext security) {
        Subject s = enforce(security, Action.KEY_MANAGE, null);
        return keys.list(s.id()).stream().map(SecurityResource::view).toList();
    }

    @POST
    @Path("keys/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "吊销本人应用的密钥 (revoke one of your applications' keys)")
    public Map<String, Object> revokeKey(@PathParam("id") String id, Reason body, @Context SecurityContext security) {
        Subject s = enforce(security, Action.KEY_MANAGE, id);
        boolean own = keys.list(s.id()).stream().anyMatch(k -> k.id().equals(id));
        if (!own) {
            throw new ProblemException(ProblemType.NOT_FOUND, "您名下没有该密钥 (you own no such key)");
        }
        return view(keys.revoke(id, body == null ? null : body.reason(), s.id()));
    }

    @POST
    @Path("keys/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "暂停或恢复应用密钥（第三十九条） (suspend or restore an application key, Art. 39)")
    public Map<String, Object> keyStatus(@PathParam("id") String id, KeyStatus body, @Context SecurityContext security) {
        Subject s = enforce(security, Action.SUPERVISE, id);
        if (body == null || body.suspended() == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须说明暂停还是恢复 (say whether to suspend or restore)",
                    List.of(new Violation("suspended", "须为 true 或 false", "true or false")));
        }
        return view(keys.setSuspended(id, body.suspended(), body.reason(), s.id()));
    }

    @GET
    @Path("audit")
    @Operation(summary = "检索审计日志（审计管理员） (search the audit trail: audit administrator)")
    public Map<String, Object> searchAudit(@QueryParam("subject") String subject, @QueryParam("resource") String resource,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("after") Long after, @QueryParam("limit") Integer limit, @Context SecurityContext security) {
        enforce(security, Action.AUDIT_READ, null);
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "limit 须在 1 到 1000 之间 (limit must lie between 1 and 1000)",
                    List.of(new Violation("limit", "须在 1 到 1000 之间", "between 1 and 1000")));
        }
        List<AuditRecord> records = audit.search(blankToNull(subject), blankToNull(resource),
                outcome == null || outcome.isBlank() ? null : parse(AuditEvent.Outcome.class, outcome, "outcome"),
                instant(from, "from"), instant(to, "to"), after == null ? 0 : after, n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", records.stream().map(SecurityResource::view).toList());
        m.put("lastIndex", audit.lastIndex());
        return m;
    }

    private Account find(String login) {
        return accounts.findByLogin(login == null ? "" : login.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "账户不存在 (no such account)"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "时间格式不正确 (not an ISO-8601 instant)",
                    List.of(new Violation(field, "须为 ISO-8601 时间，如 2026-11-01T00:00:00Z", "an ISO-8601 instant such as 2026-11-01T00:00:00Z")));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "取值无效 (invalid value)",
                    List.of(new Violation(field, "可选值：" + java.util.Arrays.toString(type.getEnumConstants()),
                            "one of " + java.util.Arrays.toString(type.getEnumConstants()))));
        }
    }

    static Map<String, Object> view(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", a.login());
        m.put("displayName", a.displayName());
        m.put("type", a.type().name());
        m.put("agency", a.agency());
        m.put("roles", a.roles().stream().map(Enum::name).sorted().toList());
        m.put("status", a.status().name());
        m.put("totp", a.totp());
        m.put("createdAt", a.createdAt().toString());
        return m;
    }

    static Map<String, Object> view(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("application", k.application());
        m.put("owner", k.owner());
        m.put("scopes", k.scopes().stream().sorted().toList());
        m.put("dailyQuota", k.dailyQuota());
        m.put("status", k.status().name());
        m.put("createdAt", k.createdAt().toString());
        m.put("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString());
        return m;
    }

    static Map<String, Object> view(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        AuditEvent e = r.event();
        m.put("index", r.index());
        m.put("at", r.at().toString());
        m.put("subject", e.subject());
        m.put("agency", e.agency());
        m.put("action", e.action());
        m.put("resource", e.resource());
        m.put("purpose", e.purpose());
        m.put("grantId", e.grantId());
        m.put("outcome", e.outcome().name());
        m.put("detail", e.detail());
        m.put("hash", r.hash());
        return m;
    }
}
