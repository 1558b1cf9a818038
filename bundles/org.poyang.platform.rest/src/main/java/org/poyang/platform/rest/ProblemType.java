package org.poyang.platform.rest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable kind of error, rendered as the {@code type} member of an RFC 9457 problem
 * (问题详情) and as the fault code of a SOAP fault. The slug never changes once published,
 * so clients may switch on it; titles are human text in Chinese and English.
 *
 * @param slug    stable lower-case identifier, e.g. {@code malformed-json}
 * @param status  HTTP status code
 * @param titleZh title in simplified Chinese (zh-CN), shown first
 * @param titleEn title in English
 */
public record ProblemType(String slug, int status, String titleZh, String titleEn) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** URI prefix of every problem type. */
    public static final String URI_PREFIX = "urn:poyang:problem:";

    public static final ProblemType BAD_REQUEST =
            new ProblemType("bad-request", 400, "请求无效", "Bad request");
    public static final ProblemType MALFORMED_JSON =
            new ProblemType("malformed-json", 400, "请求体不是有效的 JSON", "Request body is not valid JSON");
    public static final ProblemType VALIDATION_FAILED =
            new ProblemType("validation-failed", 422, "请求内容未通过校验", "Request failed validation");
    public static final ProblemType UNAUTHORIZED =
            new ProblemType("unauthorized", 401, "需要身份认证", "Authentication required");
    public static final ProblemType FORBIDDEN =
            new ProblemType("forbidden", 403, "无权访问", "Access denied");
    public static final ProblemType NOT_FOUND =
            new ProblemType("not-found", 404, "资源不存在", "Resource not found");
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", 405, "不支持该请求方法", "Method not allowed");
    public static final ProblemType NOT_ACCEPTABLE =
            new ProblemType("not-acceptable", 406, "无法提供所请求的格式", "Requested representation not available");
    public static final ProblemType CONFLICT =
            new ProblemType("conflict", 409, "与当前状态冲突", "Conflict with the current state");
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload-too-large", 413, "请求体超过允许的大小", "Request body too large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", 415, "不支持的请求内容类型", "Unsupported media type");
    public static final ProblemType TOO_MANY_REQUESTS =
            new ProblemType("too-many-requests", 429, "请求过于频繁", "Too many requests");
    public static final ProblemType INTERNAL_ERROR =
            new ProblemType("internal-error", 500, "服务器内部错误", "Internal server error");
    public static final ProblemType SERVICE_UNAVAILABLE =
            new ProblemType("service-unavailable", 503, "服务暂不可用", "Service unavailable");

    public ProblemType {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(titleZh, "titleZh");
        Objects.requireNonNull(titleEn, "titleEn");
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("problem slug must be lower-case words joined by '-': " + slug);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 4xx or 5xx: " + status);
        }
    }

    /** The {@code type} URI, e.g. {@code urn:poyang:problem:malformed-json}. */
    public String uri() {
        return URI_PREFIX + slug;
    }

    /** Whether the client is at fault (4xx); a SOAP fault then uses the Client/Sender code. */
    public boolean isClientError() {
        return status < 500;
    }
}
