package io.meshwright.testbed.contract;

import io.meshwright.testkit.contract.DeployerContract;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample plugin's deployer, loaded from its jar by a real engine, keeps the deployer contract: the engine
 * reaches it through {@code supports()}, and calls its {@code undeploy} before sweeping the inventory.
 */
class SampleDeployerContractTest extends DeployerContract {

    @Override
    protected boolean designDeclaresNamespace() {
        return false;
    }

    @Override
    protected List<Path> plugins() {
        return List.of(Path.of(System.getProperty("meshwright.samplePlugin.jar")));
    }

    @Override
    protected String design(String namespace) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                id: 5b1c3f0e-0000-4000-8000-00000000c0de
                name: sample-contract
                version: 0.0.1
                components:
                  - id: 5b1c3f0e-0000-4000-8000-000000000001
                    displayName: first
                    component: {kind: SampleThing, version: sample.meshwright.io/v1}
                    model: {name: sample, version: v1.0.0}
                    metadata: {source: {type: sample}}
                    configuration: {metadata: {namespace: NS}, color: blue}
                  - id: 5b1c3f0e-0000-4000-8000-000000000002
                    displayName: second
                    component: {kind: SampleThing, version: sample.meshwright.io/v1}
                    model: {name: sample, version: v1.0.0}
                    metadata: {source: {type: sample}}
                    configuration: {metadata: {namespace: NS}, size: 3}
                """.replace("NS", namespace);
    }
}
