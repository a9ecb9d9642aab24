/**
 * Meshwright's public contract for plugin and adapter authors.
 *
 * <p>Everything a plugin sees of the engine is in this package and its sub-packages:
 * <ul>
 *   <li>{@code model} – registry definitions (models, component and relationship definitions);</li>
 *   <li>{@code design} – declarations read from a design file;</li>
 *   <li>{@code deploy} – deployment parts, inventory records and outcomes;</li>
 *   <li>{@code extension} – the extension points ({@link io.meshwright.spi.extension.ModelSource},
 *       {@link io.meshwright.spi.extension.Deployer}, {@link io.meshwright.spi.extension.Adapter}) and the
 *       engine-provided contexts they are handed;</li>
 *   <li>{@code event} – events a plugin reports progress and problems with.</li>
 * </ul>
 * Data crossing the boundary is records of JDK types only (configuration and schemas are plain
 * {@code Map<String, Object>} trees as a JSON parser would produce), so a plugin may use any JSON library
 * it likes, or none. Plugins declare this artifact and {@code org.pf4j:pf4j} with scope {@code provided}
 * and never bundle them: PF4J's class loader is child-first, so a bundled copy would be a different type.
 */
package io.meshwright.spi;
