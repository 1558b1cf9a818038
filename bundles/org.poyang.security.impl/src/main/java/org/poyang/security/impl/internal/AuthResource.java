package org.poyang.security.impl.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.Subject;

/**
 * Signing in and out (登录与注销) at {@code /api/auth}: a session's bearer token is returned once,
 * at sign-in. Art. 12 para 2: a password (and, for staff who turned it on, a one-time code) is all
 * that is ever asked; nothing here asks for biometrics or repeated identity checks.
 */
@Component(service = AuthResource.class, property = Endpoints.REST_ADDRESS + "=/auth")
@Path("/")
@Tag(name = "security", description = "身份认证与访问控制 (authentication and access control)")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    /** What a person signs in with. */
    public record Credentials(String login, String password, String totp) {
        @Override
        public String toString() {
            return "Credentials[" + login + "]"; // never the password
        }
    }

    /** A password change: the current password and the new one. */
    public record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]"; // never the passwords
        }
    }

    private final Authenticator authenticator;
    private final AccountService accounts;

    @Activate
    public AuthResource(@Reference Authenticator authenticator, @Reference AccountService accounts) {
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "修改本人密码，之后所有会话须重新登录 (change your password; every session then signs in again)")
    public Response changePassword(PasswordChange body, @Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        if (s.kind() != Subject.Kind.ACCOUNT) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请先登录 (sign in first)").withHeader("WWW-Authenticate", "Bearer realm=\"poyang\"");
        }
        if (body == null || body.currentPassword() == null || body.newPassword() == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须提供当前密码与新密码 (the current and the new password are required)",
                    List.of(new Violation("currentPassword", "须填写当前密码", "the current password is required"),
                            new Violation("newPassword", "须填写新密码", "the new password is required")));
        }
        accounts.changePassword(s.id(), body.currentPassword(), body.newPassword());
        authenticator.signOutEverywhere(s.id());
        return Response.noContent().build();
    }

    @POST
    @Path("sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "登录，取得会话令牌 (sign in and get a session's bearer token)")
    public Response signIn(Credentials credentials) {
        List<Violation> missing = new ArrayList<>();
        if (credentials == null || credentials.login() == null || credentials.login().isBlank()) {
            missing.add(new Violation("login", "须填写登录名", "login is required"));
        }
        if (credentials == null || credentials.password() == null || credentials.password().isEmpty()) {
            missing.add(new Violation("password", "须填写密码", "password is required"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "登录信息不完整 (incomplete credentials)", missing);
        }
        Authenticator.Session s = authenticator.signIn(credentials.login(), credentials.password(), credentials.totp());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", s.token());
        body.put("tokenType", "Bearer");
        body.put("expiresAt", s.expiresAt().toString());
        body.put("subject", view(s.subject()));
        return Response.status(201).entity(body).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("me")
    @Operation(summary = "当前主体 (the subject the credentials belong to)")
    public Map<String, Object> me(@Context SecurityContext security) {
        Subject s = Subject.of(security.getUserPrincipal());
        if (s.anonymous()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请先登录 (sign in first)")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"poyang\"");
        }
        return view(s);
    }

    @DELETE
    @Path("sessions/current")
    @Operation(summary = "注销当前会话 (sign out: end the session of the bearer token)")
    public Response signOut(@HeaderParam("Authorization") String authorization, @Context SecurityContext security) {
        if (Subject.of(security.getUserPrincipal()).kind() != Subject.Kind.ACCOUNT || authorization == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "没有可注销的会话 (no session to end: send its bearer token)")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"poyang\"");
        }
        authenticator.signOut(authorization.strip().substring(authorization.strip().indexOf(' ') + 1).strip());
        return Response.noContent().build();
    }

    static Map<String, Object> view(Subject s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.kind().name());
        m.put("type", s.type() == null ? null : s.type().name());
        m.put("typeLabel", s.type() == null ? null : s.type().labelZh());
        m.put("agency", s.agency());
        m.put("roles", s.roles().stream().map(Enum::name).sorted().toList());
        m.put("scopes", s.scopes().stream().sorted().toList());
        m.put("active", s.active());
        return m;
    }
}
