package io.meshwright.testbed.lifecycle;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM for crash trials: deploys a design over a data directory and prints {@code APPLIED <object>} as
 * each object is applied, so that a parent can kill it with SIGKILL at a chosen point of the apply.
 *
 * <p>Usage: {@code DeployChild <data-dir> <kubeconfig> <design-file>}
 */
public final class DeployChild {

    private DeployChild() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Config config = Config.fromKubeconfig(Files.readString(Path.of(args[1])));
        Path designFile = Path.of(args[2]);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            rig.events().subscribe(event -> event.type().equals("object.applied"), event -> {
                System.out.println("APPLIED " + event.message());
                System.out.flush();
            });
            DeploymentRecord record = rig.lifecycle().deploy(
                    rig.parse(Files.readString(designFile), designFile.getFileName().toString()),
                    DeployOptions.defaults());
            System.out.println("DONE " + record.state());
        }
    }
}
