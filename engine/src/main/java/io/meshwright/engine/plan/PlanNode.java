package io.meshwright.engine.plan;

import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.ComponentDeclaration;
import java.util.Map;

/** A component as the planner sees it: its position, its object and its kind's rank. */
record PlanNode(int index, ComponentDeclaration component, ResourceRef ref, Map<String, Object> object, int rank) {

    /** {@code Kind.group/namespace/name}, with an empty namespace for cluster-scoped objects: the lookup key. */
    static String key(String groupKind, String namespace, String name) {
        return groupKind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    String key() {
        return key(ref.gvk().groupKind(), ref.namespace(), ref.name());
    }
}
