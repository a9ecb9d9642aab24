package io.meshwright.engine.design;

import io.meshwright.spi.model.Gvk;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules the Kubernetes API server applies to {@code metadata.name} and {@code metadata.namespace}, per kind, so
 * that a name the server would refuse is reported where the design wrote it instead of being sent to the server
 * (where a name with a space breaks the request line and surfaces as a closed connection).
 *
 * <p>The formats are the ones in Kubernetes' own validation: a Namespace name is a DNS-1123 label, a Service name
 * a DNS-1035 label (it becomes a DNS name and environment variable prefix, so it must start with a letter), RBAC
 * roles and bindings (and a few API-machinery kinds) any path segment, and every other kind, custom resources
 * included, a DNS-1123 subdomain. Where unsure, a rule here is laxer than the server's, never stricter: the
 * server-side dry run still reports the rest.
 */
public final class ObjectNameRules {

    /** How a kind's names are checked. */
    public enum Format {
        /** at most 63 characters: lower case letters, digits and '-', starting and ending with a letter or digit */
        DNS1123_LABEL,
        /** as {@link #DNS1123_LABEL}, and starting with a letter */
        DNS1035_LABEL,
        /** at most 253 characters: DNS-1123 labels joined by '.' */
        DNS1123_SUBDOMAIN,
        /** anything but '/', '%', "." and ".." (and, since Meshwright puts names in URLs as they are, no whitespace) */
        PATH_SEGMENT
    }

    private static final Pattern LABEL_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;

    /** Kinds (by {@link Gvk#groupKind()}) whose names are not subdomains. */
    private static final Map<String, Format> FORMATS = Map.ofEntries(
            Map.entry(Gvk.of("v1", "Namespace").groupKind(), Format.DNS1123_LABEL),
            Map.entry(Gvk.of("v1", "Service").groupKind(), Format.DNS1035_LABEL),
            Map.entry(Gvk.of("rbac.authorization.k8s.io/v1", "Role").groupKind(), Format.PATH_SEGMENT),
            Map.entry(Gvk.of("rbac.authorization.k8s.io/v1", "ClusterRole").groupKind(), Format.PATH_SEGMENT),
            Map.entry(Gvk.of("rbac.authorization.k8s.io/v1", "RoleBinding").groupKind(), Format.PATH_SEGMENT),
            Map.entry(Gvk.of("rbac.authorization.k8s.io/v1", "ClusterRoleBinding").groupKind(), Format.PATH_SEGMENT),
            Map.entry(Gvk.of("certificates.k8s.io/v1", "CertificateSigningRequest").groupKind(), Format.PATH_SEGMENT),
            Map.entry(Gvk.of("flowcontrol.apiserver.k8s.io/v1", "FlowSchema").groupKind(), Format.PATH_SEGMENT),
            Map.entry(Gvk.of("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration").groupKind(), Format.PATH_SEGMENT));

    /** The format of {@code gvk}'s names. */
    public Format formatOf(Gvk gvk) {
        return FORMATS.getOrDefault(gvk.groupKind(), Format.DNS1123_SUBDOMAIN);
    }

    /** Why {@code name} cannot name an object of kind {@code gvk}; empty when it can. */
    public Optional<String> checkName(Gvk gvk, String name) {
        return check(formatOf(gvk), name);
    }

    /** Why {@code namespace} cannot name a namespace; empty when it can. */
    public Optional<String> checkNamespace(String namespace) {
        return check(Format.DNS1123_LABEL, namespace);
    }

    /** Why {@code name} does not have {@code format}; empty when it does. */
    public Optional<String> check(Format format, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a name is required");
        }
        return switch (format) {
            case DNS1123_LABEL -> matches(name, LABEL_1123, LABEL_MAX, "a DNS-1123 label",
                    "lower case letters, digits and '-', and start and end with a letter or digit");
            case DNS1035_LABEL -> matches(name, LABEL_1035, LABEL_MAX, "a DNS-1035 label",
                    "lower case letters, digits and '-', start with a letter and end with a letter or digit");
            case DNS1123_SUBDOMAIN -> matches(name, SUBDOMAIN, SUBDOMAIN_MAX, "a DNS-1123 subdomain",
                    "lower case letters, digits, '-' and '.', and start and end with a letter or digit");
            case PATH_SEGMENT -> pathSegment(name);
        };
    }

    /**
     * A name of {@code format} close to {@code name}, to suggest: lower case, every run of other characters turned
     * into '-', trimmed to the format's length.
     */
    public String suggest(Format format, String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String allowed = format == Format.DNS1123_SUBDOMAIN ? "[^a-z0-9.]+" : "[^a-z0-9]+";
        String dashed = lower.replaceAll(allowed, "-").replaceAll("^[-.]+|[-.]+$", "");
        if (format == Format.DNS1035_LABEL) {
            dashed = dashed.replaceFirst("^[^a-z]+", "");
        }
        int max = format == Format.DNS1123_SUBDOMAIN ? SUBDOMAIN_MAX : LABEL_MAX;
        String trimmed = dashed.length() > max ? dashed.substring(0, max).replaceAll("[-.]+$", "") : dashed;
        return trimmed.isEmpty() ? "object" : trimmed;
    }

    private static Optional<String> matches(String name, Pattern pattern, int max, String what, String rule) {
        if (name.length() > max) {
            return Optional.of("must be " + what + ": at most " + max + " characters, but it has " + name.length());
        }
        if (!pattern.matcher(name).matches()) {
            return Optional.of("must be " + what + ": only " + rule);
        }
        return Optional.empty();
    }

    private static Optional<String> pathSegment(String name) {
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("may not be '.' or '..'");
        }
        if (name.contains("/") || name.contains("%")) {
            return Optional.of("may not contain '/' or '%'");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("may not contain spaces or control characters");
        }
        return Optional.empty();
    }
}
