package org.edgebench.cli;

import org.edgebench.launch.ExitCodes;
import org.edgebench.turns.Capabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code capabilities}: what this build can do, for another build that measures it beside itself ({@code turns}). */
@Command(name = "capabilities", mixinStandardHelpOptions = true,
        description = "Print what this build can do (turn-taking protocols, run options, subcommands): the handshake of `turns`.")
public final class CapabilitiesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "As JSON, versioned (the form `turns` reads).")
    private boolean json;

    @Override
    public Integer call() {
        Capabilities c = Capabilities.THIS_BUILD;
        System.out.println(json ? c.toJson() : "capabilities " + c.version() + "; turns: " + String.join(", ", c.turns())
                + "; run options: " + String.join(" ", c.runOptions()) + "; commands: " + String.join(", ", c.commands()));
        return ExitCodes.OK;
    }
}
