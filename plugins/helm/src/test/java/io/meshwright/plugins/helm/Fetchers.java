package io.meshwright.plugins.helm;

import io.meshwright.engine.fetch.PluginFetcher;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.spi.extension.Fetcher;

/** The engine's plugin fetcher, as a plugin gets it: with the default address policy, or allowing private URLs. */
public final class Fetchers {

    private Fetchers() {}

    /** What an engine started with {@code --allow-private-urls} hands plugins (the tests' loopback servers pass). */
    public static Fetcher allowingPrivate() {
        return new PluginFetcher(new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true)));
    }

    /** What an engine started without it hands plugins: loopback and private addresses refused. */
    public static Fetcher engineDefault() {
        return new PluginFetcher(new UrlFetcher(UrlFetcher.Settings.defaults()));
    }
}
