package io.meshwright.engine.cli;

/** {@code NAME[@VERSION]} as the CLI takes it, turned into an API path. */
final class ModelRefs {

    private ModelRefs() {}

    /** {@code /api/models/NAME} or {@code /api/models/NAME/VERSION}. */
    static String path(String nameAtVersion) {
        String text = nameAtVersion.strip();
        int at = text.lastIndexOf('@');
        if (at == 0) {
            throw new IllegalArgumentException("expected NAME[@VERSION], but was '" + nameAtVersion + "'");
        }
        if (at < 0 || at == text.length() - 1) {
            return "/api/models/" + EngineClient.segment(at < 0 ? text : text.substring(0, at));
        }
        return "/api/models/" + EngineClient.segment(text.substring(0, at)) + "/" + EngineClient.segment(text.substring(at + 1));
    }
}
