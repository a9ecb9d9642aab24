package io.meshwright.engine.lifecycle;

/** The label and annotation every object Meshwright applies carries, so that nothing it made goes untracked. */
public final class Labels {

    /** Label: the id of the deployment that owns the object. The orphan scan selects on it. */
    public static final String DEPLOYMENT = "meshwright.io/deployment";

    /** Annotation: the design part (component id) that produced the object. */
    public static final String PART = "meshwright.io/part";

    /** The field manager of Meshwright's server-side applies. */
    public static final String FIELD_MANAGER = "meshwright";

    private Labels() {}
}
