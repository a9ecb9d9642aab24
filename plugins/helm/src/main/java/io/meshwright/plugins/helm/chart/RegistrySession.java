package io.meshwright.plugins.helm.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.spi.extension.FetchFailedException;
import io.meshwright.spi.extension.Fetcher;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GETs against one OCI registry for one pull, every one through the engine's {@link Fetcher} (its address policy,
 * redirect checks and bounds). A 401 is answered once as the distribution spec's token flow asks: a
 * {@code Bearer realm=..,service=..,scope=..} challenge is met by fetching a token from the realm (anonymously, or
 * with the engine host's basic credentials for the registry), a {@code Basic} challenge by those credentials; the
 * request is then retried, and the won {@code Authorization} is reused for the rest of the session. Only a 401 from
 * the registry's own origin is answered: one that a redirect led to (blob storage, another host) never gets the
 * registry's credentials, and a token realm must be https unless the source is {@code plainHttp}.
 */
final class RegistrySession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_TOKEN_BYTES = 1L << 20;
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

    private final Fetcher fetcher;
    private final OciReference reference;
    private final RegistryCredentials credentials;
    private String authorization;

    RegistrySession(Fetcher fetcher, OciReference reference, RegistryCredentials credentials) {
        this.fetcher = fetcher;
        this.reference = reference;
        this.credentials = credentials;
    }

    /** GETs {@code url}, authenticating once on a 401; any other status is the caller's to judge. */
    Fetcher.Response get(URI url, String accept, long maxBytes) {
        Fetcher.Response response = send(url, accept, maxBytes);
        if (response.status() != 401 || authorization != null) {
            return response;
        }
        if (!sameOrigin(response.url(), reference.origin())) {
            throw new ChartException("cannot pull " + reference.reference() + ": " + response.url().getScheme() + "://"
                    + response.url().getRawAuthority() + ", where the registry " + reference.host() + " redirected "
                    + url.getPath() + ", answered 401; the plugin answers only the registry's own challenges, so the"
                    + " registry's credentials go nowhere else");
        }
        authorization = answer(response.header("WWW-Authenticate").orElse(""));
        Fetcher.Response retried = send(url, accept, maxBytes);
        if (retried.status() == 401 || retried.status() == 403) {
            throw refused(retried.status(), "even after authenticating");
        }
        return retried;
    }

    private Fetcher.Response send(URI url, String accept, long maxBytes) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (accept != null) {
            headers.put("Accept", accept);
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return exchange(new Fetcher.Request(url, headers, maxBytes));
    }

    /** The {@code Authorization} value a challenge asks for. */
    private String answer(String challenge) {
        Optional<String> basic = credentials.basic(reference.host());
        String scheme = challenge.strip().split("\\s+", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic.orElseThrow(() -> refused(401, "and asks for credentials"));
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw new ChartException("cannot pull " + reference.reference() + ": the registry " + reference.host()
                    + " answered 401 with a challenge the plugin does not know: \"" + challenge + "\"");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), matcher.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null || realm.isBlank()) {
            throw new ChartException("cannot pull " + reference.reference() + ": the registry " + reference.host()
                    + " asks for a bearer token but names no realm to get it from: \"" + challenge + "\"");
        }
        if (!realm.regionMatches(true, 0, "https://", 0, 8) && !reference.plainHttp()) {
            throw new ChartException("cannot pull " + reference.reference() + ": the registry " + reference.host()
                    + " names the token realm \"" + realm + "\", which is not https; the plugin sends credentials and"
                    + " takes tokens only over https (plain http only for a plainHttp source)");
        }
        String scope = parameters.getOrDefault("scope", "repository:" + reference.repository() + ":pull");
        StringBuilder query = new StringBuilder();
        if (parameters.containsKey("service")) {
            query.append("service=").append(URLEncoder.encode(parameters.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        query.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI tokenUrl;
        try {
            tokenUrl = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (IllegalArgumentException e) {
            throw new ChartException("cannot pull " + reference.reference() + ": the registry's token realm \"" + realm
                    + "\" is not a URL", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        basic.ifPresent(value -> headers.put("Authorization", value));
        Fetcher.Response token = exchange(new Fetcher.Request(tokenUrl, headers, MAX_TOKEN_BYTES));
        if (token.status() == 401 || token.status() == 403) {
            throw refused(token.status(), "at its token service " + tokenUrl.getHost());
        }
        if (!token.ok()) {
            throw new ChartException("cannot pull " + reference.reference() + ": the token service " + tokenUrl
                    + " answered " + token.status());
        }
        try {
            JsonNode body = JSON.readTree(token.body());
            String value = body.path("token").asText(body.path("access_token").asText(""));
            if (value.isBlank()) {
                throw new ChartException("cannot pull " + reference.reference() + ": the token service " + tokenUrl
                        + " answered without a token or access_token");
            }
            return "Bearer " + value;
        } catch (IOException e) {
            throw new ChartException("cannot pull " + reference.reference() + ": the token service " + tokenUrl
                    + " answered with something other than JSON: " + e.getMessage(), e);
        }
    }

    /** Same scheme, host and port (a default port written out or not). */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private ChartException refused(int status, String when) {
        boolean known = credentials.basic(reference.host()).isPresent();
        return new ChartException("cannot pull " + reference.reference() + ": the registry " + reference.host()
                + " refused access (" + status + ") " + when + (known
                        ? "; the credentials for " + reference.host() + " in " + credentials.config()
                                + " were sent and refused: log in again (helm registry login " + reference.host() + ")"
                        : "; for a private chart, log in on the engine's machine (helm registry login "
                                + reference.host() + ", which writes " + credentials.config()
                                + ", or set HELM_REGISTRY_CONFIG for the engine)"));
    }

    private Fetcher.Response exchange(Fetcher.Request request) {
        try {
            return fetcher.exchange(request);
        } catch (FetchFailedException e) {
            String hint = !reference.plainHttp() && e.getMessage() != null
                    && (e.getMessage().contains("SSL") || e.getMessage().contains("handshake"))
                    ? " (a registry on a loopback or private address that serves plain http needs the source option"
                            + " plainHttp=true)" : "";
            throw new ChartException("cannot pull " + reference.reference() + ": " + e.getMessage() + hint, e);
        }
    }
}
