package io.meshwright.engine.cli;

import io.meshwright.engine.agent.AgentSettings;
import io.meshwright.engine.agent.SyncAgent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwright sync}: the sync agent. Watches one cluster and publishes its objects to NATS JetStream until
 * SIGTERM or Ctrl-C; an engine started with {@code serve --nats} follows it.
 */
@Command(name = "sync", description = "Watch one cluster and publish its objects to NATS JetStream (the sync agent), until stopped.")
final class SyncCommand implements Callable<Integer> {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig of the cluster (default: $KUBECONFIG, else ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", description = "kubeconfig context (default: its current context)")
    String context;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "the cluster's name in events and subjects, a DNS-1123 label (default: --context, when it is one)")
    String cluster;

    @Option(names = "--log-level", defaultValue = "info", paramLabel = "LEVEL",
            description = "level of Meshwright's own lines on standard error: error, warn, info, debug or trace (default: ${DEFAULT-VALUE})")
    ServeLogging.LogLevel logLevel;

    @Mixin
    NatsOptions nats = new NatsOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String name = cluster != null ? cluster : context;
        if (name == null) {
            throw new IllegalArgumentException("--cluster: name the cluster (a DNS-1123 label such as prod-eu); it is"
                    + " taken from --context only when one is given");
        }
        var natsSettings = nats.settings("agent", spec.commandLine().getErr()).orElseThrow(() -> new IllegalArgumentException(
                "--nats: the agent publishes to NATS; give its URL (e.g. nats://127.0.0.1:4222) or set $MESHWRIGHT_NATS_URL"));
        AgentSettings settings = new AgentSettings(Optional.ofNullable(kubeconfig), Optional.ofNullable(context), name, natsSettings);
        ServeLogging.configureConsole(logLevel, System.err);
        SyncAgent agent = SyncAgent.start(settings, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "meshwright-sync-shutdown"));
        spec.commandLine().getOut().printf("meshwright sync agent: watching cluster %s%s, publishing to %s (%s, stream %s) as %s%n",
                name, context == null ? "" : " (context " + context + ")", settings.nats().shownUrl(),
                settings.nats().security().describe(), settings.nats().stream(),
                settings.nats().publisherId());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
