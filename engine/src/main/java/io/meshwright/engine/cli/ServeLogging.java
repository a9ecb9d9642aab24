package io.meshwright.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where {@code serve} logs go. Everything (Meshwright, Helidon, PF4J, fabric8, netty — all of them log through
 * java.util.logging here: SLF4J is bound to it by {@code slf4j-jdk14}, Helidon uses the JDK's System.Logger) goes
 * to {@code <data-dir>/logs/engine.log}, with stack traces; Meshwright's own loggers at {@code --log-level},
 * libraries at {@code --library-log-level}. The terminal gets only Meshwright's own warnings and errors, one
 * line each, pointing at the log file.
 */
final class ServeLogging {

    /** Log levels as {@code --log-level} takes them. */
    enum LogLevel {
        ERROR(Level.SEVERE), WARN(Level.WARNING), INFO(Level.INFO), DEBUG(Level.FINE), TRACE(Level.FINEST);

        final Level jul;

        LogLevel(Level jul) {
            this.jul = jul;
        }
    }

    private static final String OWN = "io.meshwright";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private ServeLogging() {}

    /** Sends every log to {@code <dataDir>/logs/engine.log}; returns that file. */
    static Path configure(Path dataDir, LogLevel own, LogLevel libraries, PrintStream terminal) {
        Path file = dataDir.resolve("logs").resolve("engine.log");
        try {
            // The data directory holds designs and the token: when the log creates it, it is private from the start.
            io.meshwright.engine.store.DataDirectory.createPrivate(dataDir);
            Files.createDirectories(file.getParent());
            LogManager.getLogManager().reset();
            FileHandler toFile = new FileHandler(file.toString(), true);
            toFile.setFormatter(new LineFormatter(true));
            toFile.setLevel(Level.ALL);
            toFile.setEncoding("UTF-8");

            Logger root = Logger.getLogger("");
            root.setLevel(libraries.jul);
            root.addHandler(toFile);

            Logger meshwright = Logger.getLogger(OWN);
            meshwright.setLevel(own.jul);
            Handler toTerminal = new TerminalHandler(terminal, file);
            toTerminal.setLevel(Level.WARNING);
            meshwright.addHandler(toTerminal);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the engine log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * For a process without a data folder (the sync agent): every line to {@code terminal}, Meshwright's own at
     * {@code own}, libraries' warnings and errors only.
     */
    static void configureConsole(LogLevel own, PrintStream terminal) {
        LogManager.getLogManager().reset();
        Handler toTerminal = new Handler() {
            private final Formatter lines = new LineFormatter(true);

            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    terminal.print(lines.format(record));
                    terminal.flush();
                }
            }

            @Override
            public void flush() {
                terminal.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        toTerminal.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        root.addHandler(toTerminal);
        Logger.getLogger(OWN).setLevel(own.jul);
    }

    /** {@code time LEVEL logger: message}, and the stack trace when {@code withTrace}. */
    private static final class LineFormatter extends Formatter {

        private final boolean withTrace;

        LineFormatter(boolean withTrace) {
            this.withTrace = withTrace;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                    .append(record.getLevel().getName()).append(' ')
                    .append(record.getLoggerName()).append(": ")
                    .append(formatMessage(record)).append(System.lineSeparator());
            if (withTrace && record.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }

    /** One line per record on the terminal, no stack trace (that is in the log file). */
    private static final class TerminalHandler extends Handler {

        private final PrintStream out;
        private final Path file;

        TerminalHandler(PrintStream out, Path file) {
            this.out = out;
            this.file = file;
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String level = record.getLevel() == Level.SEVERE ? "error" : "warning";
            out.println("meshwright " + level + ": " + new LineFormatter(false).formatMessage(record)
                    + (record.getThrown() != null ? " (details in " + file + ")" : ""));
            out.flush();
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
