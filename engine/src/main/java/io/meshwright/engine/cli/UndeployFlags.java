package io.meshwright.engine.cli;

import picocli.CommandLine.Option;

/** The undeploy options shared by {@code design delete} and {@code deployment delete}. */
final class UndeployFlags {

    @Option(names = "--dry-run", description = "show what would be removed, in which order; change nothing")
    boolean dryRun;

    @Option(names = "--keep-crds", description = "keep CRDs the deployment created")
    boolean keepCrds;

    @Option(names = "--delete-adopted", description = "also delete objects that existed before and were adopted")
    boolean deleteAdopted;

    @Option(names = "--timeout", description = "how long to wait for one object to be gone, e.g. 60s")
    String timeout;
}
