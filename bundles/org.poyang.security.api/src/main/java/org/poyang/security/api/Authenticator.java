package org.poyang.security.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Authentication (身份认证, Art. 35) of every interface: sessions opened by signing in, carried as
 * bearer tokens, and application keys. Art. 12 para 2: a person verified once is not asked again
 * while the session lasts, and nothing here asks for biometrics.
 */
@ProviderType
public interface Authenticator {

    /** An open session: the bearer token (shown once, stored only as a hash) and when it ends. */
    record Session(String token, Instant expiresAt, Subject subject) {
        @Override
        public String toString() {
            return "Session[" + subject.id() + " until " + expiresAt + "]"; // never the token
        }
    }

    /**
     * Signs in with login, password and, for accounts with a second factor, the TOTP code.
     * Refusals are {@code ProblemException}s: 401 for wrong credentials or second factor (never
     * saying which part was wrong), 429 with {@code Retry-After} while locked, 403 for accounts
     * suspended or terminated under Art. 39.
     */
    Session signIn(String login, String password, String totpCode);

    /**
     * The subject behind a request's credentials: {@code Authorization: Bearer <token>} or
     * {@code X-Api-Key: <key>} (or {@code Authorization: ApiKey <key>}); {@link Subject#ANONYMOUS}
     * when there are none. Forged, expired, revoked or signed-out credentials are a 401
     * {@code ProblemException}; a suspended subject is returned inactive so that the policy
     * enforcement point denies it under Art. 39.
     */
    Subject authenticate(String authorization, String apiKey);

    /**
     * {@link #authenticate(String, String)} with the credentials found in HTTP headers whose names
     * are matched without regard to case, as JAX-WS hands them to a SOAP service
     * ({@code MessageContext.HTTP_REQUEST_HEADERS}); null headers mean none.
     */
    default Subject authenticate(Map<String, List<String>> headers) {
        return authenticate(header(headers, "Authorization"), header(headers, "X-Api-Key"));
    }

    /** The key under which JAX-WS puts a SOAP request's HTTP headers ({@code MessageContext.HTTP_REQUEST_HEADERS}). */
    String HTTP_REQUEST_HEADERS = "jakarta.xml.ws.http.request.headers";

    /**
     * The caller of a SOAP operation, from its JAX-WS message context (a {@code Map}): the subject
     * WS-Security verified (under {@link Subject#MESSAGE_PROPERTY}), else the credentials of its HTTP
     * headers as {@link #authenticate(Map)} reads them; {@link Subject#ANONYMOUS} without a context.
     */
    @SuppressWarnings("unchecked")
    default Subject caller(Map<String, Object> messageContext) {
        if (messageContext == null) {
            return Subject.ANONYMOUS;
        }
        if (messageContext.get(Subject.MESSAGE_PROPERTY) instanceof Subject verified) {
            return verified;
        }
        return authenticate((Map<String, List<String>>) messageContext.get(HTTP_REQUEST_HEADERS));
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * Verifies a login and password that come with every request (a WS-Security UsernameToken of a
     * legacy SOAP system) the way a sign-in does (lockout, Art. 39; an account with a second factor
     * cannot be used this way), but opens no session. Refusals as for {@link #signIn}.
     */
    Subject authenticatePassword(String login, String password);

    /**
     * The notice an inactive subject is given (Art. 39): why and since when its account or key (or the key's
     * owner) is suspended or terminated, in Chinese and English; null when there is none to give.
     */
    default String notice(Subject subject) {
        return null;
    }

    /** Ends the session of {@code token}; unknown tokens are ignored. */
    void signOut(String token);

    /** Ends every session of an account (after a suspension or a password change). */
    void signOutEverywhere(String login);
}
