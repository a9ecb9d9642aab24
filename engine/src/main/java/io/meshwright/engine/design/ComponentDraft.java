package io.meshwright.engine.design;

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
        String configurationPath) {

    Location location() {
        return document.locate(path);
    }

    ComponentDraft with(Map<String, Object> newConfiguration, String newNamespace, List<String> newDependsOn) {
        return new ComponentDraft(id, name, model, gvk, newNamespace, newConfiguration, newDependsOn, annotation,
                document, path, configurationPath);
    }
}
