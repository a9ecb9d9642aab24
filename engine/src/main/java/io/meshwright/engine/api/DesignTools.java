package io.meshwright.engine.api;

import io.meshwright.engine.design.DesignStore;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DesignPreview;

/**
 * What the design, deployment and model-generation routes need besides the lifecycle: saved designs, the plan
 * preview, the engine's default deploy options (from {@code serve --wait/--timeout}), and model generation from
 * the target cluster.
 */
public record DesignTools(DesignStore store, DesignPreview preview, DeployOptions defaults,
        ModelGenerationService.ClusterModels clusterModels) {}
