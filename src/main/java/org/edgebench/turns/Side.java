package org.edgebench.turns;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process measured in turns with others: a build's benchmark run, with its command, the folder
 * it runs in, the environment it adds and the file its output goes to.
 */
public record Side(String name, List<String> command, Path dir, Map<String, String> env, Path log) {

    public Side {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
