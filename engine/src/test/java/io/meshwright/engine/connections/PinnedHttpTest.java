package io.meshwright.engine.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * Answers a hostile or broken server can give, from a raw socket on loopback: every one ends in an
 * {@link IOException} naming the problem (callers handle nothing else), within the timeout.
 */
class PinnedHttpTest {

    private static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());

    @Test
    void aNegativeOrOversizedChunkSizeIsAnIoExceptionNamingIt() throws Exception {
        PinnedHttp http = new PinnedHttp(Duration.ofSeconds(5), SSLContext.getDefault().getSocketFactory());
        try (RawServer server = RawServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nx\r\n0\r\n\r\n")) {
            assertThatThrownBy(() -> http.get(server.url(), LOOPBACK, Map.of(), 1024))
                    .isInstanceOf(IOException.class).hasMessageContaining("chunk size -1");
        }
        try (RawServer server = RawServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffff\r\nx")) {
            assertThatThrownBy(() -> http.get(server.url(), LOOPBACK, Map.of(), 1024))
                    .isInstanceOf(IOException.class).hasMessageContaining("chunk size 2147483647")
                    .hasMessageContaining("1024");
        }
        try (RawServer server = RawServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")) {
            assertThat(new String(http.get(server.url(), LOOPBACK, Map.of(), 1024).body(), StandardCharsets.UTF_8))
                    .isEqualTo("ok");
        }
    }

    @Test
    void theWholeExchangeIncludingATlsHandshakeThatTricklesIsBoundedByTheTimeout() throws Exception {
        PinnedHttp http = new PinnedHttp(Duration.ofMillis(800), SSLContext.getDefault().getSocketFactory());
        // A TLS record header announcing 16 KiB, then one byte every 100 ms: each read succeeds within the per-read
        // timeout, so only a deadline for the whole exchange ends it (after ~27 minutes otherwise).
        try (RawServer server = RawServer.trickling(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00})) {
            URI url = URI.create("https://localhost:" + server.port() + "/");
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
                    () -> http.get(url, LOOPBACK, Map.of(), 1024))
                    .isInstanceOf(IOException.class).hasMessageContaining("within"));
        }
        try (RawServer server = RawServer.trickling("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1))) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
                    () -> http.get(server.url(), LOOPBACK, Map.of(), 1024))
                    .isInstanceOf(IOException.class).hasMessageContaining("within"));
        }
    }

    /** Accepts connections, reads the request, writes a fixed answer (or trickles after a prefix) and closes. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;

        private RawServer(byte[] answer, boolean trickle) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread.ofVirtual().start(() -> serve(client, answer, trickle));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        static RawServer answering(String answer) throws IOException {
            return new RawServer(answer.getBytes(StandardCharsets.ISO_8859_1), false);
        }

        static RawServer trickling(byte[] prefix) throws IOException {
            return new RawServer(prefix, true);
        }

        private static void serve(Socket client, byte[] answer, boolean trickle) {
            try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
                if (!trickle) {
                    readRequest(in);
                }
                out.write(answer);
                out.flush();
                while (trickle) {
                    Thread.sleep(100);
                    out.write('a');
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up
            }
        }

        private static void readRequest(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b = in.read(); b >= 0; b = in.read()) {
                matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
                if (matched == end.length) {
                    return;
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        URI url() {
            return URI.create("http://localhost:" + port() + "/");
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
