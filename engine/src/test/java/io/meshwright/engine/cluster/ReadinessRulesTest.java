package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwright.spi.deploy.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ReadinessRulesTest {

    private final ReadinessRules rules = new ReadinessRules();

    @TestFactory
    Stream<DynamicTest> eachStatusSnapshotIsJudgedWithAUserReadableMessage() throws IOException {
        return snapshots().stream().map(snapshot -> DynamicTest.dynamicTest((String) snapshot.get("case"), () -> {
            Map<String, Object> object = new LinkedHashMap<>(snapshot);
            object.remove("case");
            @SuppressWarnings("unchecked")
            Map<String, Object> expect = (Map<String, Object>) object.remove("expect");

            Readiness readiness = rules.judge(object);

            assertThat(readiness).isEqualTo(new Readiness(
                    (Boolean) expect.get("done"), (Boolean) expect.get("successful"), (String) expect.get("message")));
        }));
    }

    @Test
    void snapshotsCoverEveryKindWithItsOwnRule() throws IOException {
        assertThat(snapshots()).extracting(s -> s.get("kind")).contains(
                "Deployment", "StatefulSet", "DaemonSet", "Job", "PersistentVolumeClaim",
                "CustomResourceDefinition", "Service", "Namespace", "Certificate", "ConfigMap");
    }

    private static List<Map<String, Object>> snapshots() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = ReadinessRulesTest.class.getResourceAsStream("readiness/snapshots.yaml")) {
            List<Map<String, Object>> all = new ArrayList<>();
            yaml.readerFor(new TypeReference<Map<String, Object>>() {}).<Map<String, Object>>readValues(in)
                    .forEachRemaining(all::add);
            return all;
        }
    }
}
