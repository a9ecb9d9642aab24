package io.meshwright.testbed.registry;

import io.meshwright.engine.registry.ImportOptions;
import io.meshwright.engine.registry.ImportReport;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The child of a crash trial: imports numbered model batches ({@code crash-<n>}, one model with
 * {@value #COMPONENTS} components and 2 relationships each) through the registry's import path, and prints
 * {@code ACK <n>} only after the import returned, i.e. after its transaction committed. It runs until killed.
 */
public final class CrashTrialChild {
    static final int COMPONENTS = 20;

    private CrashTrialChild() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Database database = Database.open(file, Registry.migrations());
        Registry registry = new Registry(database, Clock.systemUTC());
        System.out.println("READY");
        System.out.flush();
        for (int batch = 1; ; batch++) {
            String name = "crash-" + batch;
            byte[] bundle = SyntheticModels.bundle(name, COMPONENTS).getBytes(StandardCharsets.UTF_8);
            ImportReport report = registry.importBytes(name + ".json", bundle, ImportOptions.defaults());
            if (!report.clean() || report.created().size() != 1 + COMPONENTS + 2) {
                System.out.println("FAILED " + batch + " " + report.rejected());
                System.exit(2);
            }
            System.out.println("ACK " + batch);
            System.out.flush();
        }
    }
}
