package io.meshwright.engine.design;

import io.meshwright.spi.model.SourceRef;
import io.meshwright.spi.Location;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import java.util.List;
import java.util.Map;

/**
 * A component as a reader found it, before placeholders and {@code dependsOn} names are resolved.
 *
 * @param path              field path of the component in its document (e.g. {@code components[3]})
 * @param configurationPath field path of its configuration (where schema errors point)
 * @param source            where a plugin deployer deploys it from (a chart, a repository), or {@code null}
 */
record ComponentDraft(
        String id,
        String name,
        ModelRef model,
        Gvk gvk,
        String namespace,
        Map<String, Object> configuration,
        List<String> dependsOn,
        boolean annotation,
        LocatedDocument document,
        String path,
        String configurationPath,
        SourceRef source) {

    /** A draft of an object built from its configuration (no source). */
    ComponentDraft(String id, String name, ModelRef model, Gvk gvk, String namespace, Map<String, Object> configuration,
            List<String> dependsOn, boolean annotation, LocatedDocument document, String path, String configurationPath) {
        this(id, name, model, gvk, namespace, configuration, dependsOn, annotation, document, path, configurationPath,
                null);
    }

    Location location() {
        return document.locate(path);
    }

    ComponentDraft with(Map<String, Object> newConfiguration, String newNamespace, List<String> newDependsOn) {
        return new ComponentDraft(id, name, model, gvk, newNamespace, newConfiguration, newDependsOn, annotation,
                document, path, configurationPath, source);
    }
}
