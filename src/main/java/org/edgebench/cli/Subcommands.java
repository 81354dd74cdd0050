package org.edgebench.cli;

import org.edgebench.BadInputException;
import org.edgebench.launch.ExitCodes;
import org.edgebench.text.OneLine;
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
            err.println("edgebench: " + OneLine.of(ex));
            if (Boolean.getBoolean("edgebench.verbose")) {
                ex.printStackTrace(err);
            }
            return ex instanceof BadInputException ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }
}
