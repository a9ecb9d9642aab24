/**
 * What the engine is connected to and how it stands, for {@code GET /api/status} and {@code meshwright status}:
 * its version, the target cluster (kubeconfig, context, server, reachable or not, Kubernetes version), the store
 * and the plugins; and how a failure to reach the cluster is recognised, so that it is answered as 503 naming the
 * kubeconfig and context rather than as an internal error.
 */
package io.meshwright.engine.status;
