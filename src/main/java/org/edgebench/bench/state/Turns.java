package org.edgebench.bench.state;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A fork's end of taking turns with other benchmark processes, so that builds, or configurations
 * of one run, are measured in the same seconds on the same machine: each measured (and warm-up)
 * iteration waits for a token from the engine ({@code org.edgebench.turns.TurnTaking}) and hands
 * it back when it ends ({@code org.edgebench.bench.TurnsProfiler} does both, around any benchmark),
 * so exactly one is inside an iteration at any time (docs/compare.md, "Taking turns").
 *
 * <p>Asked for with the environment variable {@code EDGEBENCH_TURNS=WAIT,PASS}: two named pipes
 * (FIFOs), the one this process reads its token from and the one it writes the other's token to;
 * the other process has them the other way round. Forks inherit the variable from the launcher.
 * The system property {@value #PROPERTY} names them instead when the launcher itself measures
 * several configurations of one run in turns: each configuration's forks get their own pair.
 * The pipes must be held open by a third process (the script does) so that a token written between
 * two forks waits in the pipe; if every writer has gone, the wait ends with an error instead of
 * hanging.
 *
 * <p>A fork takes a turn for every iteration and one more when its trial ends, after its last
 * iteration, which it ends with {@link #passLast()}: the engine then keeps the turn until the fork
 * has exited and the next one has started, so neither happens while another build is measuring.
 */
public final class Turns {

    /** The environment variable naming the two pipes, {@code WAIT,PASS}. */
    public static final String ENV = "EDGEBENCH_TURNS";
    /** The system property naming one configuration's two pipes, {@code WAIT,PASS}; before {@value #ENV}. */
    public static final String PROPERTY = "edgebench.turns";

    /** The token that ends an iteration's turn. */
    public static final char PASS = 't';
    /** The token that ends a fork's last turn, at the end of its trial. */
    public static final char LAST = 'e';

    private static Turns requested;

    private final InputStream wait;
    private final OutputStream pass;

    private Turns(String waitPipe, String passPipe) throws IOException {
        this.wait = new FileInputStream(waitPipe);
        this.pass = new FileOutputStream(passPipe);
    }

    /** The turns this JVM was asked to take, opened once per process; empty when neither {@value #PROPERTY} nor {@value #ENV} is set. */
    public static synchronized Optional<Turns> requested() {
        if (requested == null) {
            String value = System.getProperty(PROPERTY, System.getenv(ENV));
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            requested = of(value);
        }
        return Optional.of(requested);
    }

    /** Opens the two pipes {@code WAIT,PASS} named by {@code value}. */
    static Turns of(String value) {
        String[] pipes = value.split(",", -1);
        if (pipes.length != 2 || pipes[0].isBlank() || pipes[1].isBlank()) {
            throw new IllegalStateException(ENV + " must be WAIT,PASS (two named pipes), was '" + value + "'");
        }
        try {
            return new Turns(pipes[0], pipes[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(ENV + ": cannot open the pipes " + value, e);
        }
    }

    /** Waits for this process's turn. */
    public void take() {
        try {
            if (wait.read() < 0) {
                throw new IllegalStateException("the other process taking turns through " + ENV + " has gone");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("waiting for a turn through " + ENV, e);
        }
    }

    /** Ends this process's turn: the other process may go. */
    public void pass() {
        hand(PASS);
    }

    /**
     * Ends this fork's last turn: the engine ({@code turns}) keeps the turn with this build until
     * the fork has exited and the next fork has taken a turn (or the run has ended), so a fork's
     * exit and the next fork's start never run beside another build's iteration.
     */
    public void passLast() {
        hand(LAST);
    }

    private void hand(char token) {
        try {
            pass.write(token);
            pass.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("passing the turn through " + ENV, e);
        }
    }
}
