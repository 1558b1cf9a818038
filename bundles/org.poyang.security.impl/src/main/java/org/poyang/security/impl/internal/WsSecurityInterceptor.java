package org.poyang.security.impl.internal;

import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.rest.Endpoints;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.Subject;

/**
 * WS-Security for every SOAP endpoint (Art. 35): a legacy agency system sends a
 * {@code wsse:UsernameToken} with its login and password (PasswordText, over TLS), and CXF's WSS4J
 * checks the header (nonce replay, creation time) while the password is verified like a sign-in,
 * against the Argon2 hash, with lockout and Art. 39 status; the verified subject is left on the
 * message under {@link Subject#MESSAGE_PROPERTY} and as the security context's principal. Digest
 * passwords cannot be checked against a hash and are refused. A request without a
 * {@code wsse:Security} header passes through unauthenticated (the HTTP headers may still carry
 * credentials); the policy enforcement point then decides what an anonymous caller may have.
 */
@Component(service = Object.class, property = Endpoints.SOAP_INTERCEPTOR + "=true")
public final class WsSecurityInterceptor extends WSS4JInInterceptor {

    static final QName SECURITY = new QName(WSConstants.WSSE_NS, WSConstants.WSSE_LN);

    @Activate
    public WsSecurityInterceptor(@Reference Authenticator authenticator) {
        super(Map.of(WSHandlerConstants.ACTION, WSHandlerConstants.USERNAME_TOKEN,
                WSHandlerConstants.PASSWORD_TYPE, WSConstants.PW_TEXT,
                VALIDATOR_MAP, Map.of(WSConstants.USERNAME_TOKEN, new SubjectValidator(authenticator))));
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        for (Header h : message.getHeaders()) {
            if (SECURITY.equals(h.getName())) {
                super.handleMessage(message);
                return;
            }
        }
    }

    /** Verifies the token's password with the authenticator instead of handing WSS4J a plaintext password. */
    static final class SubjectValidator implements Validator {

        private final Authenticator authenticator;

        SubjectValidator(Authenticator authenticator) {
            this.authenticator = authenticator;
        }

        @Override
        public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
            UsernameToken token = credential == null ? null : credential.getUsernametoken();
            if (token == null || token.getName() == null || token.getPassword() == null
                    || !WSConstants.PASSWORD_TEXT.equals(token.getPasswordType())) {
                throw new ProblemException(ProblemType.UNAUTHORIZED,
                        "须使用 PasswordText 类型的 UsernameToken (a UsernameToken with a PasswordText password is required; digests cannot be checked)");
            }
            Subject subject = authenticator.authenticatePassword(token.getName(), token.getPassword());
            credential.setPrincipal(subject);
            if (data.getMsgContext() instanceof SoapMessage m) {
                m.put(Subject.MESSAGE_PROPERTY, subject);
            }
            return credential;
        }
    }
}
