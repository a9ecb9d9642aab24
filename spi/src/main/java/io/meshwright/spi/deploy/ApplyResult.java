package io.meshwright.spi.deploy;

/**
 * The result of applying one object.
 *
 * @param ref             the object
 * @param uid             its uid after the apply
 * @param created         {@code true} when the object did not exist before
 * @param changed         {@code true} when the apply changed the object (its resourceVersion moved)
 * @param resourceVersion its resourceVersion as the apply's answer stored it ({@code null} when nothing was
 *                        written: an existing object kept as it was). A later change by anyone moves it, so a
 *                        deployer can tell "as I left it" from "changed since" without reading the object again.
 */
public record ApplyResult(ResourceRef ref, String uid, boolean created, boolean changed, String resourceVersion) {

    /** A result that does not say which resourceVersion the apply left. */
    public ApplyResult(ResourceRef ref, String uid, boolean created, boolean changed) {
        this(ref, uid, created, changed, null);
    }
}
