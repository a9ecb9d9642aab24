package io.meshwright.engine.cluster;

/** The API server refused a request; carries its status code and the server's own message. */
final class KubeApiException extends RuntimeException {

    private final int code;
    private final String reason;

    KubeApiException(String method, String path, int code, String reason, String message) {
        super(method + " " + path + " → " + code + (reason == null || reason.isEmpty() ? "" : " " + reason)
                + ": " + message);
        this.code = code;
        this.reason = reason;
    }

    KubeApiException(String method, String path, Throwable cause) {
        super(method + " " + path + " failed: " + cause.getMessage(), cause);
        this.code = 0;
        this.reason = "";
    }

    /** HTTP status, or 0 when no answer arrived. */
    int code() {
        return code;
    }

    /** The Status object's {@code reason}, e.g. {@code Conflict}, {@code Invalid}. */
    String reason() {
        return reason;
    }
}
