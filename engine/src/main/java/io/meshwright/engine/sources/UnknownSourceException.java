package io.meshwright.engine.sources;

import java.util.List;
import java.util.stream.Collectors;

/** No installed model source supports a ref; names the ref and what is installed. */
public final class UnknownSourceException extends RuntimeException {

    public UnknownSourceException(String ref, String hint, List<ModelSources.Installed> installed) {
        super("no installed model source reads '" + ref + "'" + (hint == null ? "" : ": " + hint) + "; installed: "
                + installed.stream().map(i -> i.name() + " (" + i.origin() + ")").collect(Collectors.joining(", ")));
    }
}
