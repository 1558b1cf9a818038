package org.poyang.platform.rest.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps any failure to a problem body; internal failures are logged with an incident id and never echoed. */
final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /**
     * A new incident id (事件编号): a random UUID without a run of 11 or more digits. The log masks such a
     * run as a mobile or identity number (Art. 35), and the operator must find in the log exactly the id
     * the client was given; about one UUID in 130 has such a run (in its last group) and is drawn again.
     */
    static String newIncident() {
        while (true) {
            String id = UUID.randomUUID().toString();
            int run = 0;
            boolean tooLong = false;
            for (int i = 0; i < id.length() && !tooLong; i++) {
                run = Character.isDigit(id.charAt(i)) ? run + 1 : 0;
                tooLong = run >= 11;
            }
            if (!tooLong) {
                return id;
            }
        }
    }

    static ProblemBody toProblem(Throwable failure, String instance) {
        ProblemException problem = find(failure, ProblemException.class);
        if (problem != null) {
            return ProblemBody.of(problem, instance);
        }
        PayloadTooLargeException tooLarge = find(failure, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return ProblemBody.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.describe(), instance, null, List.of());
        }
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json != null) {
            return ProblemBody.of(ProblemType.MALFORMED_JSON, describe(json), instance, null, violations(json));
        }
        if (failure instanceof WebApplicationException wae) {
            int status = wae.getResponse() == null ? 500 : wae.getResponse().getStatus();
            if (status < 500) {
                return ProblemBody.of(typeFor(status), null, instance, null, List.of());
            }
        }
        String incident = newIncident();
        LOG.error("Unhandled failure serving {} (incident {})", instance, incident, failure);
        return ProblemBody.of(ProblemType.INTERNAL_ERROR,
                "请联系平台运维并提供事件编号 (contact the platform operators quoting the incident id)",
                instance, incident, List.of());
    }

    /**
     * Whether the failure is the client having gone away while it was being answered (it closed the
     * connection or timed out): nothing can reach it any more, so there is no problem body to write
     * and no incident for an operator to chase.
     */
    static boolean clientGone(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!(c instanceof IOException)) {
                continue;
            }
            // Jetty signals a closed connection with its EofException; the JDK with these messages.
            if (c.getClass().getName().equals("org.eclipse.jetty.io.EofException")) {
                return true;
            }
            String message = c.getMessage();
            if (message != null && (message.contains("Broken pipe") || message.contains("Connection reset by peer"))) {
                return true;
            }
        }
        return false;
    }

    static ProblemType typeFor(int status) {
        return switch (status) {
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.TOO_MANY_REQUESTS;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
        };
    }

    /** Location and JSON path only: Jackson's own messages name Java classes. */
    private static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String zhAt = loc == null ? "" : "，位于第 " + loc.getLineNr() + " 行第 " + loc.getColumnNr() + " 列";
        String enAt = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return "JSON 语法错误" + zhAt + " (JSON syntax error" + enAt + ")";
        }
        String path = mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return "字段 '" + path + "' 未知或类型不符" + zhAt + " (field '" + path + "' is unknown or has the wrong type" + enAt + ")";
    }

    /**
     * For a well-formed body with a wrong value: the field, and for a choice of names (an enumeration)
     * the names it accepts, so that a client can correct the request without guessing.
     */
    private static List<org.poyang.platform.rest.Violation> violations(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) || f.getPath().isEmpty()) {
            return List.of();
        }
        String path = f.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        Class<?> target = f.getTargetType();
        if (target != null && target.isEnum()) {
            String names = java.util.Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
            return List.of(new org.poyang.platform.rest.Violation(path, "取值应为以下之一：" + names, "must be one of " + names));
        }
        return List.of(new org.poyang.platform.rest.Violation(path, "取值类型不符", "the value has the wrong type"));
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

}
