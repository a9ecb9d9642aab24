package io.meshwright.engine.registry;

import io.meshwright.engine.store.Migration;
import java.util.List;

/**
 * The registry's tables, versioned in code (feature {@code registry}).
 *
 * <p>Component documents live in a table of their own so that searching the narrow component rows never
 * reads the large documents (schemas, inline SVG). {@code search} columns hold lower-cased text for substring
 * search; {@code key} columns hold the content-derived keys that make re-imports idempotent.
 */
final class RegistrySchema {
    private RegistrySchema() {}

    static final List<Migration> MIGRATIONS = List.of(new Migration("registry", 1, """
            CREATE TABLE registry_model (
              id INTEGER PRIMARY KEY,
              key TEXT NOT NULL UNIQUE,
              registrant TEXT NOT NULL,
              name TEXT NOT NULL,
              version TEXT NOT NULL,
              upstream_version TEXT NOT NULL,
              display_name TEXT NOT NULL,
              category TEXT NOT NULL,
              status TEXT NOT NULL,
              schema_version TEXT NOT NULL,
              search TEXT NOT NULL,
              hash TEXT NOT NULL,
              document TEXT NOT NULL,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL);
            CREATE INDEX registry_model_name ON registry_model(name, upstream_version);
            CREATE TABLE registry_component (
              id INTEGER PRIMARY KEY,
              key TEXT NOT NULL UNIQUE,
              model_id INTEGER NOT NULL REFERENCES registry_model(id) ON DELETE CASCADE,
              model_name TEXT NOT NULL,
              registrant TEXT NOT NULL,
              api_version TEXT NOT NULL,
              grp TEXT NOT NULL,
              ver TEXT NOT NULL,
              kind TEXT NOT NULL,
              display_name TEXT NOT NULL,
              namespaced INTEGER NOT NULL,
              version TEXT NOT NULL,
              status TEXT NOT NULL,
              schema_version TEXT NOT NULL,
              search TEXT NOT NULL,
              hash TEXT NOT NULL);
            CREATE INDEX registry_component_gvk ON registry_component(kind, grp, ver);
            CREATE INDEX registry_component_model ON registry_component(model_id);
            CREATE INDEX registry_component_model_name ON registry_component(model_name);
            CREATE TABLE registry_component_document (
              component_id INTEGER PRIMARY KEY REFERENCES registry_component(id) ON DELETE CASCADE,
              document TEXT NOT NULL);
            CREATE TABLE registry_relationship (
              id INTEGER PRIMARY KEY,
              key TEXT NOT NULL UNIQUE,
              model_id INTEGER NOT NULL REFERENCES registry_model(id) ON DELETE CASCADE,
              model_name TEXT NOT NULL,
              kind TEXT NOT NULL,
              type TEXT NOT NULL,
              sub_type TEXT NOT NULL,
              from_kinds TEXT NOT NULL,
              to_kinds TEXT NOT NULL,
              status TEXT NOT NULL,
              version TEXT NOT NULL,
              schema_version TEXT NOT NULL,
              search TEXT NOT NULL,
              hash TEXT NOT NULL,
              document TEXT NOT NULL);
            CREATE INDEX registry_relationship_model ON registry_relationship(model_id);
            CREATE TABLE registry_relationship_kind (
              kind TEXT NOT NULL,
              relationship_id INTEGER NOT NULL REFERENCES registry_relationship(id) ON DELETE CASCADE,
              PRIMARY KEY (kind, relationship_id));
            CREATE INDEX registry_relationship_kind_rel ON registry_relationship_kind(relationship_id)
            """));
}
