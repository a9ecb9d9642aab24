package io.meshwright.engine.cli;

/** How a listing is printed: {@code -o table|json|yaml}. */
public enum OutputFormat {
    TABLE,
    JSON,
    YAML
}
