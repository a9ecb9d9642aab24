package io.meshwright.engine.design;

import io.meshwright.spi.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the name, namespace and labels of every object a design declares against {@link ObjectNameRules} and
 * {@link LabelRules} while the design is read, so that a bad name is a located problem (file, line, field) before
 * anything is sent to a cluster —
 * validation, the plan's dry run and apply all put names in request URLs. Drawings and components of kinds with no
 * apiVersion (adapter-provided types) are not Kubernetes objects and are skipped.
 */
final class ObjectNameCheck {

    private final ObjectNameRules rules = new ObjectNameRules();
    private final LabelRules labels = new LabelRules();

    void check(List<ComponentDraft> components, List<Problem> problems) {
        for (ComponentDraft component : components) {
            if (component.annotation() || component.gvk().version().isEmpty()) {
                continue;
            }
            name(component, problems);
            namespace(component, problems);
            labels(component, problems);
        }
    }

    private void labels(ComponentDraft component, List<Problem> problems) {
        if (!(component.configuration().get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("labels") instanceof Map<?, ?> declared)) {
            return;
        }
        String labelsPath = FieldPath.child(FieldPath.child(component.configurationPath(), "metadata"), "labels");
        declared.forEach((key, value) -> {
            String path = FieldPath.child(labelsPath, String.valueOf(key));
            labels.checkKey(String.valueOf(key)).ifPresent(why -> problems.add(Problem.error("design.label.invalid",
                    "component " + component.name() + ": label " + key + " is not a valid label key; " + why,
                    component.document().locate(path))));
            String text = value == null ? "" : String.valueOf(value);
            labels.checkValue(text).ifPresent(why -> problems.add(Problem.error("design.label.invalid",
                    "component " + component.name() + ": label " + key + " has the value \"" + text + "\"; " + why,
                    component.document().locate(path))));
        });
    }

    private void name(ComponentDraft component, List<Problem> problems) {
        Optional<String> configured = metadata(component, "name");
        String name = configured.orElse(component.name());
        ObjectNameRules.Format format = rules.formatOf(component.gvk());
        rules.check(format, name).ifPresent(why -> problems.add(Problem.error("design.name.invalid",
                "component " + component.name() + ": \"" + name + "\" is not a valid " + component.gvk().kind()
                        + " name; it " + why + " (for example \"" + rules.suggest(format, name) + "\")"
                        + (configured.isPresent() ? "" : "; set metadata.name in its configuration to keep the component's name"),
                component.document().locate(configured.isPresent()
                        ? FieldPath.child(FieldPath.child(component.configurationPath(), "metadata"), "name") : component.path()))));
    }

    private void namespace(ComponentDraft component, List<Problem> problems) {
        Optional<String> configured = metadata(component, "namespace");
        String namespace = configured.orElse(component.namespace());
        if (namespace == null || namespace.isBlank()) {
            return;
        }
        rules.checkNamespace(namespace).ifPresent(why -> problems.add(Problem.error("design.namespace.invalid",
                "component " + component.name() + ": namespace \"" + namespace + "\" is not a valid namespace name; it "
                        + why + " (for example \"" + rules.suggest(ObjectNameRules.Format.DNS1123_LABEL, namespace) + "\")",
                component.document().locate(configured.isPresent()
                        ? FieldPath.child(FieldPath.child(component.configurationPath(), "metadata"), "namespace")
                        : FieldPath.child(component.path(), "namespace")))));
    }

    private static Optional<String> metadata(ComponentDraft component, String field) {
        if (component.configuration().get("metadata") instanceof Map<?, ?> metadata
                && metadata.get(field) instanceof String value && !value.isBlank()) {
            return Optional.of(value);
        }
        return Optional.empty();
    }
}
