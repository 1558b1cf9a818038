package org.poyang.platform.rest.internal;

import java.io.IOException;

/** Raised while reading a body without Content-Length once it passes the configured limit. */
final class PayloadTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    String describe() {
        return "请求体超过上限 " + limit + " 字节 (request body exceeds the limit of " + limit + " bytes)";
    }
}
