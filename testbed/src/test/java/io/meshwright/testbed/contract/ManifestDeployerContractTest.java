package io.meshwright.testbed.contract;

import io.meshwright.testkit.contract.DeployerContract;

/** The engine's built-in manifest deployer keeps the deployer contract (a CRD, its resource, a namespace, config). */
class ManifestDeployerContractTest extends DeployerContract {

    @Override
    protected String design(String namespace) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: NS}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: NS}
                data: {color: blue}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: credentials, namespace: NS}
                stringData: {password: hunter2}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: runner, namespace: NS}
                """.replace("NS", namespace);
    }
}
