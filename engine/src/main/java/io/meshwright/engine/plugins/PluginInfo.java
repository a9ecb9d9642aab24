package io.meshwright.engine.plugins;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One plugin as the engine found it.
 *
 * @param id         the plugin id from its manifest ({@code Plugin-Id}), or the jar's file name when the jar has
 *                   no readable descriptor
 * @param version    {@code Plugin-Version}, or {@code null} when unknown
 * @param provider   {@code Plugin-Provider}, or {@code null}
 * @param path       the jar, zip or folder it was loaded from
 * @param status     where it stands
 * @param extensions class names of its extensions, by extension point simple name ({@code ModelSource}, …)
 * @param failure    why it failed ({@code null} unless {@link PluginStatus#FAILED}): the exception and its causes
 */
public record PluginInfo(
        String id,
        String version,
        String provider,
        String path,
        PluginStatus status,
        Map<String, List<String>> extensions,
        String failure) {

    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}
