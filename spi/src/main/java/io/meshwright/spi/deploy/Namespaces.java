package io.meshwright.spi.deploy;

/**
 * Where an object lands: the one namespace rule the engine's reader, planner, deployers and cluster layer all apply,
 * so that a design's {@code cfg} and {@code default/cfg} are one object everywhere.
 */
public final class Namespaces {

    private Namespaces() {}

    /**
     * The namespace of an object of a kind with this scope.
     *
     * @param namespaced       whether the kind is namespaced (a kind of unknown scope is taken as namespaced)
     * @param declared         the namespace the object or its component names, or {@code null}/blank for none
     * @param defaultNamespace where a namespaced object that names none goes
     * @return {@code null} for a cluster-scoped kind, else the declared namespace, else {@code defaultNamespace}
     */
    public static String resolve(boolean namespaced, String declared, String defaultNamespace) {
        if (!namespaced) {
            return null;
        }
        return declared == null || declared.isBlank() ? defaultNamespace : declared;
    }

    /** The first of {@code candidates} that is neither {@code null} nor blank, else {@code null}. */
    public static String declared(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
