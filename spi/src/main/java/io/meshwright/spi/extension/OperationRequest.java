package io.meshwright.spi.extension;

import java.util.Map;

/**
 * A request to run an adapter operation.
 *
 * @param operationId id the engine chose; events about the run carry it as their subject
 * @param name        the operation's name
 * @param namespace   the namespace it acts on, where that applies
 * @param parameters  parameter values
 * @param delete      {@code true} to undo the operation (uninstall, disable)
 */
public record OperationRequest(
        String operationId, String name, String namespace, Map<String, String> parameters, boolean delete) {

    public OperationRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
