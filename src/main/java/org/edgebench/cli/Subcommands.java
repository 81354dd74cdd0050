package org.edgebench.cli;

import org.edgebench.BadInputException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs a picocli subcommand with the launcher's error policy: bad input or bad usage prints one
 * line prefixed with {@code edgebench:} and returns 2; other failures print one line and return 1.
 * {@code --verbose} (a system property {@code edgebench.verbose=true}) adds the stack trace.
 */
public final class Subcommands {

    private Subcommands() {
    }

    /** Executes {@code command} (a picocli {@code @Command} whose call returns an exit code). */
    public static int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((ex, params) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("edgebench: " + ex.getMessage() + " (see: " + ex.getCommandLine().getCommandName() + " --help)");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("edgebench: " + oneLine(ex));
            if (Boolean.getBoolean("edgebench.verbose")) {
                ex.printStackTrace(err);
            }
            return ex instanceof BadInputException ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    /** The message of {@code e} on one line, or its class name when it has none. */
    public static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
