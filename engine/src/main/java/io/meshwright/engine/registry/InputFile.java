package io.meshwright.engine.registry;

/**
 * One file of an import, after any archive around it was unpacked.
 *
 * @param path    its path inside the import, with {@code /} separators and no leading slash
 *                (for a single-file import, just the file name)
 * @param source  how a user finds it: the top-level input, then {@code !entry} for each archive level
 * @param content its bytes
 */
record InputFile(String path, String source, byte[] content) {

    /** The folder part of {@link #path()}, {@code ""} at the top. */
    String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    String lowerName() {
        return fileName().toLowerCase(java.util.Locale.ROOT);
    }
}
