package io.meshwright.engine.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The engine's one way to fetch a URL on someone's behalf (registry imports, a model's {@code source_uri}):
 * {@code http} and {@code https} only, at most {@link Settings#maxBytes()} bytes, with connect and overall
 * timeouts, and redirects followed by hand so that every hop is checked again. Unless the operator allows
 * it ({@code serve --allow-private-urls}), a host that resolves to a loopback, link-local (cloud metadata at
 * 169.254.169.254), private, unique-local, carrier-grade-NAT, multicast or unspecified address is refused: a
 * token holder must not be able to read the engine's own machine or network through it.
 *
 * <p>The address is checked when the hop is made; a DNS answer that changes between the check and the connect
 * (rebinding) is not caught. Thread-safe.
 */
public final class UrlFetcher {

    /**
     * @param maxBytes       largest body accepted
     * @param allowPrivate   whether loopback, link-local and private addresses may be fetched
     * @param alsoAllowed    addresses allowed even when private ones are not (tests reach a loopback server)
     * @param connectTimeout time to connect
     * @param timeout        time for one hop, headers to the last byte
     * @param maxRedirects   most redirects followed
     */
    public record Settings(long maxBytes, boolean allowPrivate, Set<InetAddress> alsoAllowed, Duration connectTimeout,
            Duration timeout, int maxRedirects) {

        /** 32 MiB, private addresses refused, 10 s to connect, 2 min per hop, 5 redirects. */
        public static Settings defaults() {
            return new Settings(32L << 20, false, Set.of(), Duration.ofSeconds(10), Duration.ofMinutes(2), 5);
        }

        public Settings withAllowPrivate(boolean allow) {
            return new Settings(maxBytes, allow, alsoAllowed, connectTimeout, timeout, maxRedirects);
        }

        public Settings withMaxBytes(long max) {
            return new Settings(max, allowPrivate, alsoAllowed, connectTimeout, timeout, maxRedirects);
        }

        /** The same with another per-hop timeout (headers and body of one hop together). */
        public Settings withTimeout(Duration perHop) {
            return new Settings(maxBytes, allowPrivate, alsoAllowed, connectTimeout, perHop, maxRedirects);
        }

        public Settings alsoAllowing(Set<InetAddress> addresses) {
            return new Settings(maxBytes, allowPrivate, Set.copyOf(addresses), connectTimeout, timeout, maxRedirects);
        }
    }

    private final Settings settings;
    private final HttpClient client;

    public UrlFetcher(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout()).build();
    }

    public Settings settings() {
        return settings;
    }

    /** The body of {@code url}. */
    public byte[] fetch(URI url) {
        return fetch(url, settings.maxBytes());
    }

    /** The body of {@code url}, refusing more than {@code maxBytes} (at most the fetcher's own limit). */
    public byte[] fetch(URI url, long maxBytes) {
        Answer answer = get(url, Map.of(), maxBytes, false);
        if (answer.status() / 100 != 2) {
            throw new FetchException(url, "the server answered " + answer.status()
                    + (answer.url().equals(url) ? "" : " at " + answer.url()));
        }
        return answer.body();
    }

    /**
     * What a GET with headers got: the last hop's URL, status, headers and body.
     *
     * @param url the URL that answered (the asked one, or the last redirect's)
     */
    public record Answer(URI url, int status, Map<String, List<String>> headers, byte[] body) {}

    /**
     * A GET of {@code url} with {@code headers}, answered with any status (an error's body is read within the same
     * bounds): for a plugin's protocol that must see a 401 and its challenge. Every hop is checked as in
     * {@link #fetch}. Headers go to the first origin only: once a redirect leads to another scheme, host or port (an
     * OCI registry sends blobs to a storage service), every header but {@code Accept} is dropped, since any of them
     * ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, a custom token header) may be a credential
     * meant for the first origin.
     */
    public Answer get(URI url, Map<String, String> headers, long maxBytes) {
        return get(url, headers, maxBytes, true);
    }

    private Answer get(URI url, Map<String, String> headers, long maxBytes, boolean readErrors) {
        long limit = Math.min(maxBytes, settings.maxBytes());
        URI current = url;
        Map<String, String> sent = headers;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            check(current, url);
            HttpResponse<InputStream> response = send(current, url, sent);
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                    URI next = current.resolve(response.headers().firstValue("Location").get());
                    if (!sameOrigin(current, next)) {
                        sent = acceptOnly(sent);
                    }
                    current = next;
                    continue;
                }
                if (status / 100 != 2 && !readErrors) {
                    return new Answer(current, status, response.headers().map(), new byte[0]);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > limit) {
                    throw new FetchException(url, "it is " + declared + " bytes, more than the limit of " + limit);
                }
                byte[] content = readWithin(body, limit, url);
                if (content.length > limit) {
                    throw new FetchException(url, "it is larger than the limit of " + limit + " bytes");
                }
                return new Answer(current, status, response.headers().map(), content);
            } catch (IOException e) {
                throw new FetchException(url, "reading it failed: " + e.getMessage());
            }
        }
        throw new FetchException(url, "more than " + settings.maxRedirects() + " redirects");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost())) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** What may follow a redirect to another origin: only {@code Accept}, which carries nothing secret. */
    private static Map<String, String> acceptOnly(Map<String, String> headers) {
        Map<String, String> kept = new java.util.LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> !name.equalsIgnoreCase("Accept"));
        return kept;
    }

    /**
     * The body, read within the per-hop timeout: the client's own timeout covers only the headers, and a server
     * that drips its body byte by byte would otherwise hold the caller for as long as it likes.
     */
    private byte[] readWithin(InputStream body, long limit, URI url) throws IOException {
        java.util.concurrent.FutureTask<byte[]> read = new java.util.concurrent.FutureTask<>(
                () -> body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1)));
        Thread.ofVirtual().name("fetch-body").start(read);
        try {
            return read.get(settings.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            body.close(); // ends the blocked read
            throw new FetchException(url, "the body did not arrive within " + settings.timeout().toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body.close();
            throw new FetchException(url, "interrupted");
        }
    }

    private HttpResponse<InputStream> send(URI hop, URI url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hop).timeout(settings.timeout()).GET();
        try {
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            throw new FetchException(url, "a request header cannot be sent: " + e.getMessage());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException(url, (hop.equals(url) ? "" : "at " + hop + ": ") + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(url, "interrupted");
        }
    }

    /**
     * Checks {@code url} as {@link #fetch} checks each hop, for a caller that makes its own request (a connection's
     * calls, which carry its credentials): http(s), a host, and unless allowed only public addresses. A link-local
     * address (cloud metadata at 169.254.169.254) is refused here even when private ones are allowed: nothing a
     * connection could be lives there. Resolves the host now; a caller that connects itself should use
     * {@link #checkedAddresses} instead, since resolving again to connect may give another answer.
     *
     * @throws FetchException naming the address and the option that allows it
     */
    public void checkAddress(URI url) {
        check(url, url, true);
    }

    /**
     * Resolves {@code url}'s host once with {@code resolver}, checks every address as {@link #checkAddress} does, and
     * returns them: the caller connects to one of these and never resolves the name again, so a DNS answer that
     * changes between the check and the connect (rebinding) cannot lead it to an address the check would refuse.
     *
     * @throws FetchException naming the address and the option that allows it, or an unknown host
     */
    public java.util.List<InetAddress> checkedAddresses(URI url, HostResolver resolver) {
        checkScheme(url, url);
        java.util.List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(url.getHost().replaceAll("^\\[|\\]$", ""));
        } catch (UnknownHostException e) {
            throw new FetchException(url, "host " + url.getHost() + " is unknown");
        }
        if (addresses.isEmpty()) {
            throw new FetchException(url, "host " + url.getHost() + " is unknown");
        }
        judge(url, url, true, addresses.toArray(InetAddress[]::new));
        return java.util.List.copyOf(addresses);
    }

    private void check(URI hop, URI url) {
        check(hop, url, false);
    }

    /** Refuses a scheme other than http(s), and (unless allowed) a host with a non-public address. */
    private void check(URI hop, URI url, boolean neverLinkLocal) {
        checkScheme(hop, url);
        if (settings.allowPrivate() && !neverLinkLocal) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(hop.getHost());
        } catch (UnknownHostException e) {
            throw new FetchException(url, "host " + hop.getHost() + " is unknown");
        }
        judge(hop, url, neverLinkLocal, addresses);
    }

    private static void checkScheme(URI hop, URI url) {
        String scheme = hop.getScheme() == null ? "" : hop.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(url, (hop.equals(url) ? "" : "it redirects to " + hop + ", but ")
                    + "only http and https URLs are fetched (upload a local file's bytes instead)");
        }
        if (hop.getHost() == null) {
            throw new FetchException(url, "the URL " + hop + " names no host");
        }
    }

    private void judge(URI hop, URI url, boolean neverLinkLocal, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (neverLinkLocal && address.isLinkLocalAddress()) {
                throw new FetchException(url, "host " + hop.getHost() + " resolves to " + address.getHostAddress()
                        + ", a link-local address (cloud metadata), which the engine never calls");
            }
            if (!settings.allowPrivate() && !isPublic(address) && !settings.alsoAllowed().contains(address)) {
                throw new FetchException(url, (hop.equals(url) ? "" : "it redirects to " + hop + ", and ")
                        + "host " + hop.getHost() + " resolves to " + address.getHostAddress()
                        + ", a loopback, link-local or private address; the engine fetches only public addresses "
                        + "unless started with serve --allow-private-urls");
            }
        }
    }

    /** Whether {@code address} is a public unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local; ::ffff:a.b.c.d mapped IPv4 is judged as the IPv4 address it maps.
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false;
            }
            return true;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return !(first == 0 || first == 100 && second >= 64 && second < 128 || first == 198 && (second == 18 || second == 19)
                || first >= 240);
    }
}
