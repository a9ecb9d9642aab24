package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Waits until CustomResourceDefinitions are Established (names accepted) and discovery serves their kinds,
 * which is when their custom resources can be applied. One watch covers all the definitions waited for:
 * {@code kubectl wait} over 300 CRDs polls them one by one and took 50 s (cluster.md §4).
 */
public final class CrdWaiter {

    private final KubernetesClient client;
    private final Discovery discovery;
    private final Clock clock;
    private final Backoff polling;
    private final Pause pause;
    private final CustomResourceDefinitionReadiness rule = new CustomResourceDefinitionReadiness();

    public CrdWaiter(KubernetesClient client, Discovery discovery, Clock clock) {
        this(client, discovery, clock, new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)), Pause.SLEEP);
    }

    CrdWaiter(KubernetesClient client, Discovery discovery, Clock clock, Backoff polling, Pause pause) {
        this.client = client;
        this.discovery = discovery;
        this.clock = clock;
        this.polling = polling;
        this.pause = pause;
    }

    /**
     * The outcome of a wait.
     *
     * @param ready    CRD names established and served
     * @param notReady CRD names still waited for, each with what it was waiting for when time ran out
     */
    public record Result(List<String> ready, Map<String, String> notReady) {
        public Result {
            ready = List.copyOf(ready);
            notReady = Map.copyOf(notReady);
        }

        public boolean allReady() {
            return notReady.isEmpty();
        }
    }

    /** Waits up to {@code timeout} for every CRD in {@code crdNames} (e.g. {@code widgets.example.com}). */
    public Result await(Collection<String> crdNames, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Set<String> wanted = new TreeSet<>(crdNames);
        if (wanted.isEmpty()) {
            return new Result(List.of(), Map.of());
        }
        Map<String, Map<String, Object>> latest = new HashMap<>();
        ResourceEventHandler<GenericKubernetesResource> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource crd) {
                seen(crd);
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource crd) {
                seen(crd);
            }

            @Override
            public void onDelete(GenericKubernetesResource crd, boolean finalStateUnknown) {
                synchronized (latest) {
                    latest.remove(crd.getMetadata().getName());
                }
            }

            private void seen(GenericKubernetesResource crd) {
                String name = crd.getMetadata().getName();
                if (wanted.contains(name)) {
                    synchronized (latest) {
                        latest.put(name, tree(crd));
                        latest.notifyAll();
                    }
                }
            }
        };
        var crds = client.genericKubernetesResources("apiextensions.k8s.io/v1", "CustomResourceDefinition");
        // One definition: watch just it (CRDs are large; listing hundreds of them for one is waste).
        SharedIndexInformer<GenericKubernetesResource> informer = wanted.size() == 1
                ? crds.withField("metadata.name", wanted.iterator().next()).inform(handler, 0)
                : crds.inform(handler, 0);
        Map<String, Map<String, Object>> seen;
        try {
            synchronized (latest) {
                while (!allEstablished(wanted, latest)) {
                    long left = Duration.between(clock.instant(), deadline).toMillis();
                    if (left <= 0) {
                        break;
                    }
                    latest.wait(left);
                }
                seen = new HashMap<>(latest);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (latest) {
                seen = new HashMap<>(latest);
            }
        } finally {
            informer.stop();
        }
        return awaitServed(wanted, seen, deadline);
    }

    private boolean allEstablished(Set<String> wanted, Map<String, Map<String, Object>> latest) {
        return wanted.stream().allMatch(n -> latest.containsKey(n) && rule.judge(latest.get(n)).isReady());
    }

    /** Established is not yet served: discovery can lag a moment behind, so refresh until it shows the kinds. */
    private Result awaitServed(Set<String> wanted, Map<String, Map<String, Object>> seen, Instant deadline) {
        Map<String, String> notReady = new LinkedHashMap<>();
        Map<String, List<Gvk>> kinds = new LinkedHashMap<>();
        for (String name : wanted) {
            Map<String, Object> crd = seen.get(name);
            if (crd == null) {
                notReady.put(name, "not found");
                continue;
            }
            Readiness readiness = rule.judge(crd);
            if (!readiness.isReady()) {
                notReady.put(name, readiness.message());
                continue;
            }
            kinds.put(name, servedKinds(crd));
        }
        for (int attempt = 0; ; attempt++) {
            Set<String> groupVersions = new TreeSet<>();
            kinds.values().forEach(list -> list.forEach(gvk -> groupVersions.add(gvk.apiVersion())));
            if (!groupVersions.isEmpty()) {
                discovery.refresh(groupVersions);
            }
            kinds.values().removeIf(list -> list.stream().allMatch(discovery::serves));
            boolean late = !clock.instant().isBefore(deadline);
            if (kinds.isEmpty() || late) {
                kinds.keySet().forEach(name -> notReady.put(name, "established, but discovery does not serve its kinds yet"));
                List<String> ready = new ArrayList<>(wanted);
                ready.removeAll(notReady.keySet());
                return new Result(ready, notReady);
            }
            try {
                pause.pause(polling.delay(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kinds.keySet().forEach(name -> notReady.put(name, "interrupted"));
                return new Result(List.of(), notReady);
            }
        }
    }

    private static List<Gvk> servedKinds(Map<String, Object> crd) {
        String group = ObjectTree.string(crd, "spec", "group").orElse("");
        String kind = ObjectTree.string(crd, "spec", "names", "kind").orElse("");
        return ObjectTree.maps(crd, "spec", "versions").stream()
                .filter(v -> Boolean.TRUE.equals(v.get("served")))
                .map(v -> new Gvk(group, String.valueOf(v.get("name")), kind))
                .toList();
    }

    private static Map<String, Object> tree(GenericKubernetesResource crd) {
        Map<String, Object> tree = new HashMap<>(crd.getAdditionalProperties());
        tree.put("apiVersion", "apiextensions.k8s.io/v1");
        tree.put("kind", "CustomResourceDefinition");
        tree.put("metadata", Map.of("name", crd.getMetadata().getName()));
        return tree;
    }
}
