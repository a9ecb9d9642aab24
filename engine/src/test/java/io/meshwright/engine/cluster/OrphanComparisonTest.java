package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrphanComparisonTest {

    private static final ResourceRef CONFIG = new ResourceRef(new Gvk("", "v1", "ConfigMap"), "shop", "settings");
    private static final ResourceRef WEB = new ResourceRef(new Gvk("apps", "v1", "Deployment"), "shop", "web");
    private static final ResourceRef CRD =
            new ResourceRef(new Gvk("apiextensions.k8s.io", "v1", "CustomResourceDefinition"), null, "widgets.example.com");

    @Test
    void aLabelledObjectMissingFromTheInventoryIsALeftoverWithItsDeleteCommand() {
        OrphanScan scan = new OrphanScan(List.of(new LabelledObject(CONFIG, "u1"), new LabelledObject(WEB, "u2")), Map.of(), 2);
        List<InventoryEntry> inventory = List.of(entry(WEB, "u2", InventoryStatus.CONFIRMED, false));

        List<Leftover> leftovers = OrphanScanner.compare(scan, inventory);

        assertThat(leftovers).containsExactly(new Leftover(CONFIG, "u1", "not in the inventory",
                "kubectl delete configmap settings -n shop"));
    }

    @Test
    void anObjectTheInventoryRecordsAsDeletedIsALeftover() {
        OrphanScan scan = new OrphanScan(List.of(new LabelledObject(CRD, "u3")), Map.of(), 1);

        List<Leftover> leftovers = OrphanScanner.compare(scan, List.of(entry(CRD, "u3", InventoryStatus.DELETED, false)));

        assertThat(leftovers).singleElement().satisfies(l -> {
            assertThat(l.reason()).isEqualTo("the inventory records it as deleted");
            assertThat(l.command()).isEqualTo("kubectl delete customresourcedefinition.apiextensions.k8s.io widgets.example.com");
        });
    }

    @Test
    void anObjectRecreatedUnderATrackedNameIsALeftoverButTheTrackedOneIsNot() {
        OrphanScan scan = new OrphanScan(List.of(new LabelledObject(WEB, "other")), Map.of(), 1);

        assertThat(OrphanScanner.compare(scan, List.of(entry(WEB, "u2", InventoryStatus.CONFIRMED, false))))
                .extracting(Leftover::reason)
                .containsExactly("the inventory recorded another object under this name (uid u2)");
        assertThat(OrphanScanner.compare(scan, List.of(entry(WEB, "other", InventoryStatus.CONFIRMED, false)))).isEmpty();
    }

    @Test
    void aKeptPreExistingObjectIsNoLeftover() {
        OrphanScan scan = new OrphanScan(List.of(new LabelledObject(CONFIG, "u1")), Map.of(), 1);

        assertThat(OrphanScanner.compare(scan, List.of(entry(CONFIG, "u1", InventoryStatus.CONFIRMED, true)))).isEmpty();
    }

    @Test
    void versionsOfOneKindNameTheSameObject() {
        ResourceRef v1beta1 = new ResourceRef(new Gvk("apps", "v1beta1", "Deployment"), "shop", "web");
        OrphanScan scan = new OrphanScan(List.of(new LabelledObject(WEB, "u2")), Map.of(), 1);

        assertThat(OrphanScanner.compare(scan, List.of(entry(v1beta1, "u2", InventoryStatus.CONFIRMED, false)))).isEmpty();
    }

    private static InventoryEntry entry(ResourceRef ref, String uid, InventoryStatus status, boolean preExisting) {
        return new InventoryEntry("d1", ref, uid, "part", preExisting, status);
    }
}
