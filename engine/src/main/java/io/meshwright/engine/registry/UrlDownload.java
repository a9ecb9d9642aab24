package io.meshwright.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Fetches an import from a URL ({@code http}, {@code https} or {@code file}), refusing more than a size limit. */
final class UrlDownload {
    private final long maxBytes;

    UrlDownload(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] fetch(URI url) {
        try {
            if ("file".equalsIgnoreCase(url.getScheme())) {
                try (InputStream in = Files.newInputStream(Path.of(url))) {
                    return bounded(in, url);
                }
            }
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new RegistryException("cannot import from " + url + ": only http, https and file URLs are supported");
            }
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new RegistryException("cannot import from " + url + ": the server answered " + response.statusCode());
                }
                return bounded(in, url);
            }
        } catch (IOException e) {
            throw new RegistryException("cannot download " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while downloading " + url, e);
        }
    }

    private byte[] bounded(InputStream in, URI url) throws IOException {
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (content.length > maxBytes) {
            throw new RegistryException("cannot import from " + url + ": it is larger than the limit of " + maxBytes + " bytes");
        }
        return content;
    }
}
