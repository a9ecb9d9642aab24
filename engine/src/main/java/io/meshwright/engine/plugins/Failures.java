package io.meshwright.engine.plugins;

/** Turns an exception chain into one line a user can read: each cause's type and message, outermost first. */
final class Failures {

    private Failures() {}

    /**
     * Why a plugin file cannot be opened as a jar or zip, if that is the case: PF4J reports such files only as
     * "No PluginDescriptorFinder", which hides the real reason.
     */
    static java.util.Optional<Throwable> unreadableArchive(java.nio.file.Path path) {
        if (!java.nio.file.Files.isRegularFile(path)) {
            return java.util.Optional.empty();
        }
        try (java.util.zip.ZipFile ignored = new java.util.zip.ZipFile(path.toFile())) {
            return java.util.Optional.empty();
        } catch (java.io.IOException e) {
            return java.util.Optional.of(new java.io.IOException("not a jar or zip file", e));
        }
    }

    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 5; depth++) {
            if (depth > 0) {
                text.append("; caused by ");
            }
            text.append(current.getClass().getSimpleName());
            if (current.getMessage() != null) {
                text.append(": ").append(current.getMessage());
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return text.toString();
    }
}
