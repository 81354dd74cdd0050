package org.edgebench.cli;

import org.edgebench.launch.BenchmarkRun;
import org.edgebench.launch.ExitCodes;
import org.edgebench.text.OneLine;
import org.edgebench.BadInputException;

import java.util.Arrays;

/**
 * The entry point of {@code benchmarks.jar}: a subcommand ({@code env}, {@code models},
 * {@code report}, {@code compare}, {@code calibrate}, {@code count}, {@code turns},
 * {@code capabilities}) or, by default, a benchmark
 * run with JMH's own options.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code; prints one line for bad input. */
    public static int run(String... args) {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args.length == 0 ? "" : args[0]) {
                case "env" -> Subcommands.execute(new EnvCommand(), rest);
                case "models" -> Subcommands.execute(new ModelsCommand(), rest);
                case "calibrate" -> Subcommands.execute(new CalibrateCommand(), rest);
                case "count" -> Subcommands.execute(new CountCommand(), rest);
                case "report" -> Subcommands.execute(new ReportCommand(), rest);
                case "compare" -> Subcommands.execute(new CompareCommand(), rest);
                case "turns" -> TurnsCommand.execute(rest);
                case "capabilities" -> Subcommands.execute(new CapabilitiesCommand(), rest);
                default -> new BenchmarkRun(System.out).run(args);
            };
        } catch (BadInputException e) {
            System.err.println("edgebench: " + OneLine.of(e));
            if (Boolean.getBoolean("edgebench.verbose")) {
                e.printStackTrace();
            }
            return ExitCodes.BAD_INPUT;
        } catch (Exception e) {
            System.err.println("edgebench: " + OneLine.of(e) + " (rerun with --verbose for the stack trace)");
            if (Boolean.getBoolean("edgebench.verbose")) {
                e.printStackTrace();
            }
            return ExitCodes.FAILURE;
        }
    }
}
