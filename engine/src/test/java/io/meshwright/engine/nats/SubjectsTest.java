package io.meshwright.engine.nats;

import static io.meshwright.spi.event.Event.ClusterObjectChanged.Change.ADDED;
import static io.meshwright.spi.event.Event.ClusterObjectChanged.Change.DELETED;
import static io.meshwright.spi.event.Event.ClusterObjectChanged.Change.MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.spi.model.Gvk;
import org.junit.jupiter.api.Test;

/** Subjects, message ids and the outbox's bound, without a server. */
class SubjectsTest {

    @Test
    void tokensNatsCannotHoldBecomeUnderscoresAndTheCoreGroupIsCore() {
        assertThat(Subjects.object(SyncEvents.change("prod.eu", new Gvk("cert-manager.io", "v1", "Certificate"), "a", "b", 1, ADDED)))
                .isEqualTo("meshwright.sync.prod_eu.cert-manager_io.v1.Certificate");
        assertThat(Subjects.object(SyncEvents.configMap("local", "x", 1, ADDED))).isEqualTo("meshwright.sync.local.core.v1.ConfigMap");
        assertThat(Subjects.token("a b*c>d\te")).isEqualTo("a_b_c_d_e");
        assertThat(Subjects.token("")).isEqualTo("_");
        assertThat(Subjects.deployment("dep.1")).isEqualTo("meshwright.deployments.dep_1");
        assertThat(Subjects.snapshot("prod.eu")).isEqualTo("meshwright.sync.prod_eu.snapshot");
        assertThat(Subjects.snapshotCluster("meshwright.sync.prod_eu.snapshot")).isEqualTo("prod_eu");
    }

    @Test
    void oneStateOfAnObjectHasOneMessageIdWhicheverChangeReportedIt() {
        assertThat(EventCodec.msgId(SyncEvents.configMap("c", "x", 4, ADDED)))
                .isEqualTo(EventCodec.msgId(SyncEvents.configMap("c", "x", 4, MODIFIED))).isEqualTo("c/uid-x/4");
        assertThat(EventCodec.msgId(SyncEvents.configMap("c", "x", 4, DELETED))).isEqualTo("c/uid-x/4/DELETED");
    }

    @Test
    void aFullOutboxDropsTheOldestAndCountsThem() throws Exception {
        Outbox outbox = new Outbox(2);
        Outgoing a = new Outgoing("s", "a", new byte[0]);
        Outgoing b = new Outgoing("s", "b", new byte[0]);
        Outgoing c = new Outgoing("s", "c", new byte[0]);
        outbox.add(a);
        outbox.add(b);
        outbox.add(c);
        assertThat(outbox.dropped()).isEqualTo(1);
        assertThat(outbox.head(10)).containsExactly(b, c);
        outbox.remove(b);
        assertThat(outbox.peek(0)).isSameAs(c);
    }

    @Test
    void badSettingsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> NatsSettings.of("localhost:4222", "x")).hasMessageContaining("--nats").hasMessageContaining("nats://");
        assertThatThrownBy(() -> NatsSettings.of("nats://h:1", "x").withBuffer(0)).hasMessageContaining("--nats-buffer");
        assertThatThrownBy(() -> NatsSettings.of("nats://h:1", "x").withStream("a.b")).hasMessageContaining("--nats-stream");
        assertThat(NatsSettings.of("nats://h:1", "engine-1").consumer()).isEqualTo("meshwright-engine-1");
    }
}
