package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.spi.Location;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's one place for failures: prints what went wrong and what to do (each located problem on its own
 * line), a stack trace only under {@code --debug}, and maps the failure to the exit code.
 *
 * <pre>
 * 1  the command failed (anything not below)
 * 2  usage error (picocli)
 * 3  not found
 * 4  invalid input (the engine refused the content, or a bad argument)
 * 5  not authorised (wrong or missing token)
 * 6  conflict
 * 7  the engine lacks what the command needs (503)
 * 8  no engine answers at the server address
 * </pre>
 */
final class ErrorReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    static final int FAILED = 1;
    static final int NOT_FOUND = 3;
    static final int INVALID = 4;
    static final int UNAUTHORIZED = 5;
    static final int CONFLICT = 6;
    static final int UNAVAILABLE = 7;
    static final int UNREACHABLE = 8;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        switch (failure) {
            case EngineCallException call -> printProblem(err, call.problem());
            case EngineUnreachableException unreachable -> err.println("Error: " + unreachable.getMessage());
            default -> err.println("Error: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        }
        if (MeshwrightCommand.debug(command.getCommandSpec())) {
            failure.printStackTrace(err);
        }
        err.flush();
        return getExitCode(failure);
    }

    @Override
    public int getExitCode(Throwable failure) {
        return switch (failure) {
            case EngineCallException call -> switch (call.status()) {
                case 400, 422 -> INVALID;
                case 401, 403 -> UNAUTHORIZED;
                case 404 -> NOT_FOUND;
                case 409 -> CONFLICT;
                case 503 -> UNAVAILABLE;
                default -> FAILED;
            };
            case EngineUnreachableException unreachable -> UNREACHABLE;
            case IllegalArgumentException invalid -> INVALID;
            default -> FAILED;
        };
    }

    private static void printProblem(PrintWriter err, JsonNode problem) {
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        err.println("Error: " + (title.isEmpty() ? detail : title + ": " + detail));
        for (JsonNode entry : problem.path("problems")) {
            JsonNode where = entry.path("location");
            StringBuilder line = new StringBuilder("  ");
            Location location = ProblemLocation.of(where);
            if (location.source() != null) {
                line.append(location);
            } else if (location.field() != null) {
                // A problem about a request parameter has no file: only the field is named.
                line.append('(').append(location.field()).append(')');
            }
            if (line.length() > 2) {
                line.append(": ");
            }
            line.append(entry.path("message").asText());
            String code = entry.path("code").asText("");
            if (!code.isEmpty()) {
                line.append(" [").append(code).append(']');
            }
            err.println(line);
        }
    }
}
