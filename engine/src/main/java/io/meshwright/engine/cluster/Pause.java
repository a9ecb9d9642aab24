package io.meshwright.engine.cluster;

import java.time.Duration;

/** Waiting between attempts; tests replace it so that back-off is observable without real sleeps. */
@FunctionalInterface
interface Pause {

    Pause SLEEP = duration -> Thread.sleep(duration);

    void pause(Duration duration) throws InterruptedException;
}
