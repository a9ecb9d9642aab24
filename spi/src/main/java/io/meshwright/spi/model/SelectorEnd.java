package io.meshwright.spi.model;

/**
 * One side of a relationship selector: which kind (in which model) may stand there. {@code "*"} matches any.
 *
 * @param kind  the kind, or {@code "*"}
 * @param model the model name, or {@code "*"}
 * @param path  the field the relationship reads or patches on this side (e.g. {@code spec.parent}), or {@code null}
 */
public record SelectorEnd(String kind, String model, String path) {

    public boolean matches(String candidateKind, String candidateModel) {
        return ("*".equals(kind) || kind.equals(candidateKind))
                && (model == null || "*".equals(model) || model.equals(candidateModel));
    }
}
