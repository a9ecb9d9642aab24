package io.meshwright.plugins.helm.contract;

import io.meshwright.testkit.contract.DeployerContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Helm deployer, loaded from a plugin zip by a real engine (a child JVM started from the built distribution),
 * keeps the deployer contract, kills included: the design declares its namespace (the built-in deployer applies it
 * first, so each crash point's second pass falls in the Helm part) and installs the {@code gadgets} chart into it
 * (a {@code crds/} CRD, two custom resources of it, a config map, Helm's release record).
 */
class HelmDeployerContractTest extends DeployerContract {

    @RegisterExtension
    static final TemporaryPluginZip HELM = new TemporaryPluginZip("helm-contract");

    @Override
    protected List<Path> plugins() {
        return List.of(HELM.zip());
    }

    @Override
    protected String design(String namespace) {
        return HelmDesigns.gadgetsInDeclaredNamespace(namespace);
    }
}
