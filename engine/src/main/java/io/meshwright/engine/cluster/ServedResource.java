package io.meshwright.engine.cluster;

import io.meshwright.spi.model.Gvk;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One resource the cluster serves, as discovery reports it.
 *
 * @param gvk        its group, version and kind
 * @param plural     the resource name in URLs, e.g. {@code deployments}
 * @param namespaced whether its objects live in namespaces
 * @param verbs      the verbs it supports ({@code get}, {@code list}, {@code watch}, {@code create}, …)
 */
public record ServedResource(Gvk gvk, String plural, boolean namespaced, List<String> verbs) {

    public ServedResource {
        Objects.requireNonNull(gvk, "gvk");
        Objects.requireNonNull(plural, "plural");
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
    }

    public boolean supports(String verb) {
        return verbs.contains(verb);
    }

    /** The URL path of the collection: in {@code namespace} when given and namespaced, else cluster-wide. */
    public String collectionPath(String namespace) {
        String root = gvk.group().isEmpty() ? "/api/" + gvk.version() : "/apis/" + gvk.group() + "/" + gvk.version();
        if (namespaced && namespace != null) {
            return root + "/namespaces/" + encode(namespace) + "/" + plural;
        }
        return root + "/" + plural;
    }

    /** The URL path of one object. */
    public String objectPath(String namespace, String name) {
        return collectionPath(namespace) + "/" + encode(name);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
