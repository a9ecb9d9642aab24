package io.meshwright.engine.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The token every API call must present as {@code Authorization: Bearer <token>}; compared in constant time. */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    public BearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the API token must not be empty");
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code authorization} (an {@code Authorization} header value, possibly {@code null}) carries the token. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
