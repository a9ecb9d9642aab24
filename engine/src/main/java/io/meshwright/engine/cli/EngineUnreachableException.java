package io.meshwright.engine.cli;

/** No engine answered at the server address. */
final class EngineUnreachableException extends RuntimeException {

    EngineUnreachableException(String server, Throwable cause) {
        super("no engine answers at " + server + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + "); start one with 'meshwright serve', or point --server / MESHWRIGHT_SERVER at it", cause);
    }
}
