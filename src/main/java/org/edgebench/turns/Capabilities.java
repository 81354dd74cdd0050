package org.edgebench.turns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a build can do, as another build asks it ({@code capabilities --json}) before measuring the
 * two together: a versioned handshake, so that nobody reads a jar's bytes or its usage text. A
 * build too old to answer has {@link #NONE}.
 *
 * @param version       this record's version: fields are only ever added
 * @param turns         the turn-taking protocols its forks speak ({@code fifo}: {@code EDGEBENCH_TURNS=WAIT,PASS})
 * @param runOptions    launcher options of its runs that another build may pass ({@code --no-report}, ...)
 * @param commands      its subcommands ({@code count}, {@code compare}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Capabilities(int version, List<String> turns, List<String> runOptions, List<String> commands) {

    public static final int VERSION = 1;

    /** A build that cannot say what it can do: it runs whole runs with its defaults, and nothing else is asked of it. */
    public static final Capabilities NONE = new Capabilities(0, List.of(), List.of(), List.of());

    /** This build's. */
    public static final Capabilities THIS_BUILD = new Capabilities(VERSION, List.of("fifo"),
            List.of("--no-report", "--suite", "--out", "--no-turns"),
            List.of("env", "models", "calibrate", "count", "report", "compare", "turns", "capabilities"));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Capabilities {
        turns = turns == null ? List.of() : List.copyOf(turns);
        runOptions = runOptions == null ? List.of() : List.copyOf(runOptions);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    public boolean takesTurns() {
        return turns.contains("fifo");
    }

    public boolean has(String command) {
        return commands.contains(command);
    }

    public boolean runs(String option) {
        return runOptions.contains(option);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer of {@code capabilities --json}; {@link #NONE} for anything else. */
    public static Capabilities parse(String json) {
        try {
            Capabilities read = JSON.readValue(json, Capabilities.class);
            return read.version() >= 1 ? read : NONE;
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }
}
