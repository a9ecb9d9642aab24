package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.store.Database;
import io.meshwright.spi.design.Design;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignStoreTest {

    @TempDir
    Path dir;

    private Database database;
    private DesignStore store;
    private final DesignParser parser = new DesignParser();

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("meshwright.db"), DesignStore.MIGRATIONS);
        store = new DesignStore(database, Clock.fixed(Instant.parse("2026-11-25T16:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n";
    }

    private Design parse(String text, String source) {
        return parser.parse(text, source).design().orElseThrow();
    }

    @Test
    void savingTheSameTextTwiceKeepsOneVersion() {
        String text = namespace("shop");

        DesignStore.Saved first = store.save(parse(text, "shop.yaml"), text);
        DesignStore.Saved again = store.save(parse(text, "shop.yaml"), text);

        assertThat(first.newVersion()).isTrue();
        assertThat(first.design().version()).isEqualTo(1);
        assertThat(again.newVersion()).isFalse();
        assertThat(again.design().version()).isEqualTo(1);
    }

    @Test
    void aChangedTextBecomesTheNextVersionAndOldVersionsStayReadable() {
        String v1 = namespace("shop");
        String v2 = namespace("shop") + "---\n" + namespace("shop-staging");
        store.save(parse(v1, "shop.yaml"), v1);

        DesignStore.Saved second = store.save(parse(v2, "shop.yaml"), v2);

        assertThat(second.design().version()).isEqualTo(2);
        assertThat(store.get("shop", Optional.empty()).orElseThrow().text()).isEqualTo(v2);
        assertThat(store.get("shop", Optional.of(1)).orElseThrow().text()).isEqualTo(v1);
        assertThat(store.versions("shop")).extracting(StoredDesign::version).containsExactly(1, 2);
        assertThat(store.list()).singleElement().satisfies(d -> assertThat(d.version()).isEqualTo(2));
    }

    @Test
    void findsADesignByItsIdAndSurvivesReopening() {
        Design design = parser.parse(RealData.file("meshery-designs/meshkit/valid_design.yml")).design().orElseThrow();
        store.save(design, "text of the design");
        database.close();

        database = Database.open(dir.resolve("meshwright.db"), DesignStore.MIGRATIONS);
        store = new DesignStore(database, Clock.systemUTC());

        StoredDesign stored = store.get(design.id(), Optional.empty()).orElseThrow();
        assertThat(stored.name()).isEqualTo("Valid Design");
        assertThat(stored.declaredVersion()).isEqualTo("0.0.1");
        assertThat(stored.savedAt()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
        assertThat(store.get("Valid Design", Optional.empty())).contains(stored);
        assertThat(store.get("no such design", Optional.empty())).isEmpty();
    }
}
