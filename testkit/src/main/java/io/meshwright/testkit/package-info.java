/** The local Kubernetes control plane and the {@code @RealCluster} JUnit 5 extension. */
package io.meshwright.testkit;
