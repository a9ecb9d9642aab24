package io.meshwright.engine.connections;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An HTTP/1.1 GET to addresses already checked, never to the name again: the JDK's clients resolve the host
 * themselves when they connect, and a DNS server that answers a public address to the check and a private one to
 * the connect (rebinding) would lead them past it. The request still names the host ({@code Host}, and for https the
 * SNI name and the certificate's host name check), so virtual hosts and TLS work as with any client. One request per
 * connection ({@code Connection: close}); bodies with {@code Content-Length}, chunked, or until the server closes.
 */
final class PinnedHttp {

    /** A status and the body, at most the caller's limit plus one byte (so the caller can tell it was more). */
    record Response(int status, byte[] body) {}

    private static final int MAX_HEADER_BYTES = 64 << 10;

    private final Duration timeout;
    private final SSLSocketFactory tls;

    /**
     * @param timeout to connect, and for the whole answer once connected
     * @param tls     makes TLS sockets for https ({@code SSLContext.getDefault()}'s in production)
     */
    PinnedHttp(Duration timeout, SSLSocketFactory tls) {
        this.timeout = timeout;
        this.tls = tls;
    }

    /**
     * GETs {@code url} from the first of {@code addresses} that accepts a connection.
     *
     * @throws IOException when none accepts, or the answer is not HTTP, or it does not come within the timeout
     */
    Response get(URI url, List<InetAddress> addresses, Map<String, String> headers, int maxBody) throws IOException {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        IOException last = new IOException("no address to connect to");
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), Math.toIntExact(timeout.toMillis()));
            } catch (IOException e) {
                socket.close();
                last = e;
                continue;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            // Reads are bounded one by one, but a TLS handshake reads on its own, where a server trickling bytes could
            // hold it for ever: at the deadline the watchdog closes the socket, which ends any read or write.
            AtomicBoolean expired = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().name("pinned-http-deadline").start(() -> {
                try {
                    Thread.sleep(timeout);
                    expired.set(true);
                    socket.close();
                } catch (InterruptedException | IOException e) {
                    // answered in time, or already closed
                }
            });
            try (Socket connected = https ? secure(socket, host(url), port) : socket) {
                request(connected.getOutputStream(), url, port, https, headers);
                return answer(new Deadline(connected, deadline), maxBody);
            } catch (NumberFormatException e) {
                throw new IOException("the answer is not valid HTTP (a length or chunk size is not a number)");
            } catch (IOException | RuntimeException e) {
                if (expired.get() || e instanceof SocketTimeoutException) {
                    throw new SocketTimeoutException("the answer did not come within the timeout of " + timeout.toMillis()
                            + " ms");
                }
                // Callers handle IOException only; a JDK method refusing what a server sent must not escape as a 500.
                throw e instanceof IOException io ? io : new IOException("the exchange failed: " + e, e);
            } finally {
                watchdog.interrupt();
            }
        }
        throw last;
    }

    private SSLSocket secure(Socket socket, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, not the address
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry (e.g. not ASCII-compatible): the server then shows its default certificate
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        ssl.startHandshake();
        return ssl;
    }

    private static void request(OutputStream out, URI url, int port, boolean https, Map<String, String> headers)
            throws IOException {
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder text = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("User-Agent: meshwright\r\nConnection: close\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Response answer(InputStream in, int maxBody) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("the answer is not HTTP/1.x: " + statusLine.substring(0, Math.min(60, statusLine.length())));
        }
        long length = -1;
        boolean chunked = false;
        int headerBytes = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            headerBytes += header.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("the answer's headers are larger than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        byte[] body = chunked ? chunks(in, maxBody) : in.readNBytes((int) Math.min(maxBody + 1L, length < 0 ? maxBody + 1L : length));
        return new Response(Integer.parseInt(parts[1]), body);
    }

    private static byte[] chunks(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() <= maxBody) {
            String size = line(in);
            int extension = size.indexOf(';');
            String digits = (extension < 0 ? size : size.substring(0, extension)).strip();
            if (!digits.matches("[0-9A-Fa-f]{1,15}")) {
                throw new IOException("the answer is not valid HTTP: chunk size " + shown(digits) + " is not a hex number");
            }
            long chunk = Long.parseLong(digits, 16);
            if (chunk > maxBody) {
                throw new IOException("the answer is not valid HTTP: chunk size " + chunk + " is larger than the limit of "
                        + maxBody + " bytes");
            }
            if (chunk == 0) {
                break;
            }
            body.write(in.readNBytes((int) Math.min(chunk, maxBody + 1L - body.size())));
            if (body.size() > maxBody) {
                break;
            }
            line(in); // the CRLF after each chunk
        }
        return body.toByteArray();
    }

    private static String shown(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    /** A line without its CRLF, at most the header limit. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of the answer");
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw new IOException("an answer line is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The host for SNI and the certificate check: without IPv6 brackets, and without a fully qualified name's trailing
     * dot, which SNI does not allow and certificates do not carry.
     */
    private static String host(URI url) {
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** The socket's input, each read given only what is left of the time for the whole answer. */
    private static final class Deadline extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] one = new byte[1];
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;

        Deadline(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("the answer did not come within the timeout");
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return -1;
                }
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
