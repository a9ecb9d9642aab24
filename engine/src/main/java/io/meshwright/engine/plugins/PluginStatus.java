package io.meshwright.engine.plugins;

/**
 * Where a plugin stands, as the engine reports it.
 *
 * <pre>
 * (jar found) → STARTED                    loaded, started, its extensions created
 *             → FAILED                     could not be loaded, resolved, started, or an extension not created
 *             → DISABLED                   listed in disabled.txt (or not in enabled.txt) of a plugins folder
 * STARTED     → STOPPED                    the engine stopped it (shutdown, or just before a reload)
 * </pre>
 * A reload forgets every plugin and finds them all again, so a STOPPED or FAILED plugin becomes STARTED when
 * its jar has been fixed.
 */
public enum PluginStatus {
    STARTED,
    STOPPED,
    DISABLED,
    FAILED
}
