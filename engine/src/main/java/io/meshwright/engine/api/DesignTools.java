package io.meshwright.engine.api;

import io.meshwright.engine.design.DesignStore;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DesignPreview;

/**
 * What the design and deployment routes need besides the lifecycle: saved designs, the plan preview, and the
 * engine's default deploy options (from {@code serve --wait/--timeout}).
 */
public record DesignTools(DesignStore store, DesignPreview preview, DeployOptions defaults) {}
