package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/**
 * A Service is ready when it has what its type promises: a cluster IP (or none, for headless services and
 * ExternalName), and for LoadBalancer an ingress address from the load balancer.
 */
final class ServiceReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        String type = ObjectTree.string(object, "spec", "type").orElse("ClusterIP");
        if ("ExternalName".equals(type)) {
            return Readiness.ready("external name " + ObjectTree.string(object, "spec", "externalName").orElse(""));
        }
        var clusterIp = ObjectTree.string(object, "spec", "clusterIP").filter(ip -> !ip.isEmpty());
        if (clusterIp.isEmpty()) {
            return Readiness.waiting("waiting for a cluster IP");
        }
        if ("LoadBalancer".equals(type)) {
            var ingress = ObjectTree.maps(object, "status", "loadBalancer", "ingress");
            if (ingress.isEmpty()) {
                return Readiness.waiting("waiting for the load balancer to assign an address");
            }
            Object address = ingress.get(0).getOrDefault("ip", ingress.get(0).get("hostname"));
            return Readiness.ready("load balancer address " + address);
        }
        return Readiness.ready("None".equals(clusterIp.get()) ? "headless service" : "cluster IP " + clusterIp.get());
    }
}
