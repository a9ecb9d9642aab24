/**
 * Planning: the order in which a validated design's components deploy, as a value that prints itself
 * ({@link io.meshwright.engine.plan.Plan#render()}) and is tested from YAML. {@link io.meshwright.engine.plan.Planner}
 * builds it from explicit dependencies, references found in the objects, relationships and the
 * {@link io.meshwright.engine.plan.KindOrder} (rules as data in {@code design/kind-order.yaml}). The lifecycle
 * executes it; nothing here touches a cluster.
 */
package io.meshwright.engine.plan;
