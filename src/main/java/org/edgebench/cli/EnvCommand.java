package org.edgebench.cli;

import org.edgebench.launch.ExitCodes;
import org.edgebench.run.EnvFile;
import org.edgebench.runtime.ThisMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code env}: ONNX Runtime version and build, providers, CPU, memory, OS/arch, JVM. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Print ONNX Runtime's version and providers, the machine and the JVM.")
public final class EnvCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the environment as JSON, as env.json records it.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        var env = ThisMachine.capture();
        System.out.print(json ? EnvFile.toJson(env) + System.lineSeparator() : env.describe());
        return ExitCodes.OK;
    }
}
