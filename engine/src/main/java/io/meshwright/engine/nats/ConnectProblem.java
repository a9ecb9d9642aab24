package io.meshwright.engine.nats;

import io.nats.client.AuthenticationException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Says in one line why a connection to NATS failed, and on which side, from what jnats reported (its own exception
 * only says "Unable to connect"; the cause reaches the error listener). Never includes a secret: only option names,
 * file names and the URL without credentials.
 */
final class ConnectProblem {

    private ConnectProblem() {}

    /**
     * @param thrown      what {@code Nats.connect} threw
     * @param reported    the last exception the error listener got during that attempt, or null
     * @param serverError the last error line the server sent ({@code -ERR}), or null
     */
    static String describe(Throwable thrown, Throwable reported, String serverError, NatsSecurity security, String url) {
        String shown = NatsSettings.shown(url);
        boolean tls = security.tls() || url.toLowerCase(Locale.ROOT).contains("tls://");
        String server = serverError == null ? "" : serverError.toLowerCase(Locale.ROOT);
        if (server.contains("authorization") || server.contains("authentication") || server.contains("user authentication")
                || find(thrown, AuthenticationException.class) != null || find(reported, AuthenticationException.class) != null) {
            return "NATS at " + shown + " refused the credentials (" + credentials(security, url) + ")"
                    + (serverError == null ? "" : ": " + serverError.strip());
        }
        for (Throwable cause : new Throwable[] {reported, thrown}) {
            if (cause == null) {
                continue;
            }
            String all = messages(cause);
            if (all.contains("SSL required by server") || all.contains("SSL Required")) {
                return "NATS at " + shown + " requires TLS: use a tls:// URL, and --nats-tls-ca FILE when its certificate"
                        + " is signed by a private CA";
            }
            if (find(cause, CertificateException.class) != null || all.contains("PKIX") || all.contains("certificate_unknown")) {
                String why = all.contains("subject alternative") || all.contains("No name matching")
                        ? "the server's certificate does not name the host of the URL"
                        : "we do not trust the server's certificate" + (security.ca().isPresent()
                                ? " (it is not signed by the CA in " + security.ca().get() + ")"
                                : "; give the CA that signed it with --nats-tls-ca FILE");
                return "TLS handshake with NATS at " + shown + " failed on our side: " + why;
            }
            SSLHandshakeException handshake = find(cause, SSLHandshakeException.class);
            if (handshake != null || find(cause, SSLException.class) != null) {
                return "TLS handshake with NATS at " + shown + " failed on the server's side: " + clientCertificate(security)
                        + " (" + redacted(String.valueOf((handshake != null ? handshake : find(cause, SSLException.class))
                                .getMessage()), url, security) + ")";
            }
            if (tls && find(cause, TimeoutException.class) != null) {
                // TLS 1.3: the server checks the client certificate after the client has finished its handshake and
                // then drops the connection; the client only sees no answer.
                return "NATS at " + shown + " did not answer after the TLS handshake (it closed the connection, or took"
                        + " longer than 2 s), most likely on the server's side: " + clientCertificate(security);
            }
            if (find(cause, ConnectException.class) != null) {
                return "nothing answers at " + shown + " (" + find(cause, ConnectException.class).getMessage() + ")";
            }
        }
        Throwable shownCause = reported != null ? reported : thrown;
        return "cannot connect to NATS at " + shown + ": " + redacted(innermost(shownCause), url, security);
    }

    /** {@code message} without the URL's user information and without the password or token, should jnats name them. */
    static String redacted(String message, String url, NatsSecurity security) {
        String out = message;
        for (String server : url.split(",")) {
            int scheme = server.indexOf("://");
            int at = server.lastIndexOf('@');
            if (scheme >= 0 && at > scheme + 3) {
                out = out.replace(server.substring(scheme + 3, at + 1), "");
            }
        }
        for (String secret : new String[] {security.password().orElse(""), security.token().orElse("")}) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private static String clientCertificate(NatsSecurity security) {
        return security.cert().map(cert -> "it refused our client certificate " + cert
                        + " (is it signed by a CA in the server's tls ca_file?)")
                .orElse("it requires a client certificate (tls verify: true); give --nats-tls-cert FILE and --nats-tls-key FILE");
    }

    private static String credentials(NatsSecurity security, String url) {
        if (security.authenticates()) {
            return security.describe().replaceFirst("^TLS \\([^)]*\\), ", "");
        }
        return url.contains("@") ? "user or token in the URL" : "none given; the server requires them: --nats-nkey FILE,"
                + " --nats-creds FILE, --nats-user NAME with $" + NatsSecurity.PASSWORD_ENV + ", or $" + NatsSecurity.TOKEN_ENV;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t).append(" | ");
        }
        return all.toString();
    }

    private static String innermost(Throwable error) {
        Throwable last = error;
        while (last.getCause() != null && last.getCause() != last) {
            last = last.getCause();
        }
        return last.toString();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
