package org.poyang.security.impl.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.rest.Endpoints;
import org.poyang.security.api.AccessDeniedException;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.Decision;
import org.poyang.security.api.Subject;

/**
 * Authenticates every REST request before it reaches a resource (Art. 35): the bridge adds this
 * provider to every REST endpoint. The subject becomes the request's {@link SecurityContext}
 * principal ({@link Subject#of(Principal)} reads it back); requests without credentials are
 * anonymous, and the policy enforcement point decides what anonymous callers may do. Bad
 * credentials are refused here with 401, and suspended or terminated subjects (Art. 39) with 403,
 * before any resource runs.
 */
@Component(service = Object.class, property = Endpoints.REST_PROVIDER + "=true")
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {

    /** Header an application may send its key in, instead of {@code Authorization: ApiKey ...}. */
    static final String API_KEY_HEADER = "X-Api-Key";

    private final Authenticator authenticator;
    private final AuditTrail audit;

    @Activate
    public AuthenticationFilter(@Reference Authenticator authenticator, @Reference AuditTrail audit) {
        this.authenticator = authenticator;
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Subject subject = authenticator.authenticate(request.getHeaderString("Authorization"), request.getHeaderString(API_KEY_HEADER));
        if (!subject.active()) {
            // Art. 39: a suspended or terminated subject gets nothing, on every endpoint, public ones included
            String notice = authenticator.notice(subject);
            Decision d = notice == null ? RulePolicy.SUSPENDED
                    : Decision.deny("主体已被暂停或终止访问。" + notice, "the subject is suspended or terminated", "Art. 39");
            audit.record(new AuditEvent(subject.id(), subject.agency(), "pep.request", "/" + request.getUriInfo().getPath(), null, null,
                    AuditEvent.Outcome.DENY, d.describe()));
            throw new AccessDeniedException(subject, d);
        }
        boolean secure = "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return subject;
            }

            @Override
            public boolean isUserInRole(String role) {
                return subject.roles().stream().anyMatch(r -> r.name().equals(role));
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return subject.anonymous() ? null : subject.kind() == Subject.Kind.APPLICATION ? "ApiKey" : "Bearer";
            }
        });
    }
}
