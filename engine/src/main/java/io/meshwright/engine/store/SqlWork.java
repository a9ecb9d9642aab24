package io.meshwright.engine.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a connection; the {@link Database} owns the transaction around it. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
