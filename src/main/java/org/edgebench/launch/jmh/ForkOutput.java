package org.edgebench.launch.jmh;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.UnCloseablePrintStream;
import org.openjdk.jmh.util.Utils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * JMH's console output for one configuration, made as {@code new Runner(options)} makes it
 * (standard output, or the file of {@code -o}, at the options' verbosity), that also keeps the
 * last of the text JMH prints. A fork that fails sends its exception to the launcher, and JMH
 * prints it here, so once the configuration is over its text is where the reason is. The forks' own
 * output (what JMH drains from their standard output and error) goes through {@link KnownNoise},
 * line by line, so a native library's known noise is counted instead of shown.
 */
public final class ForkOutput implements OutputFormat {

    /** Enough for a fork's exception and the tail of its output, which is where a failure shows. */
    private static final int KEPT_CHARS = 64 * 1024;

    private final OutputFormat out;
    private final KnownNoise noise;
    private final StringBuilder kept = new StringBuilder();
    private final ByteArrayOutputStream forkLine = new ByteArrayOutputStream();
    private boolean afterNoise;

    private final boolean lockHeld;

    private ForkOutput(OutputFormat out, KnownNoise noise, boolean lockHeld) {
        this.out = out;
        this.noise = noise;
        this.lockHeld = lockHeld;
    }

    public static ForkOutput of(Options options, KnownNoise noise) {
        return of(options, noise, null, false);
    }

    /**
     * With a {@code prefix}, every line goes out whole, after the prefix: for configurations that run
     * at once, taking turns, whose lines would otherwise break into each other. With {@code lockHeld},
     * JMH's warning that its lock is ignored is left out: the launcher holds the lock for it.
     */
    public static ForkOutput of(Options options, KnownNoise noise, String prefix, boolean lockHeld) {
        PrintStream stream;
        try {
            stream = options.getOutput().hasValue() ? new PrintStream(options.getOutput().get())
                    : new UnCloseablePrintStream(System.out, Utils.guessConsoleEncoding());
            if (prefix != null) {
                stream = new PrintStream(new PrefixedLines(stream, prefix), true, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ForkOutput(OutputFormatFactory.createFormatInstance(stream, options.verbosity().orElse(VerboseMode.NORMAL)),
                noise, lockHeld);
    }

    /** The text JMH printed for this configuration (its last {@value #KEPT_CHARS} characters). */
    public synchronized String text() {
        return kept.toString();
    }

    private synchronized void keep(String text) {
        kept.append(text);
        if (kept.length() > KEPT_CHARS) {
            kept.delete(0, kept.length() - KEPT_CHARS);
        }
    }

    @Override
    public void print(String s) {
        keep(s);
        out.print(s);
    }

    @Override
    public void println(String s) {
        if (lockHeld && s.startsWith(JmhLock.IGNORED_LOCK_WARNING)) {
            return;
        }
        keep(s + System.lineSeparator());
        out.println(s);
    }

    @Override
    public void verbosePrintln(String s) {
        out.verbosePrintln(s);
    }

    /** A byte of a fork's output: held until its line is complete, then shown unless it is known noise. */
    @Override
    public synchronized void write(int b) {
        forkLine.write(b);
        if (b == '\n') {
            endForkLine();
        }
    }

    @Override
    public synchronized void write(byte[] b) {
        for (byte value : b) {
            write(value);
        }
    }

    private void endForkLine() {
        byte[] line = forkLine.toByteArray();
        forkLine.reset();
        String text = new String(line, StandardCharsets.UTF_8).stripTrailing();
        // The library ends each such line with a line break of its own: the empty line after it goes too.
        boolean hidden = noise.hides(text) || afterNoise && text.isEmpty();
        afterNoise = hidden && !text.isEmpty();
        if (!hidden) {
            try {
                out.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Shows what is left of the forks' output without a line break, once the configuration is over. */
    public synchronized void endOfForks() {
        if (forkLine.size() > 0) {
            endForkLine();
        }
        out.flush();
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        out.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        out.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        out.startBenchmark(benchParams);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        out.endBenchmark(result);
    }

    @Override
    public void startRun() {
        out.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        out.endRun(result);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public synchronized void close() {
        endOfForks();
        out.close();
    }
}
