package org.edgebench.cli;

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

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * JMH's console output for one configuration, made as {@code new Runner(options)} makes it
 * (standard output, or the file of {@code -o}, at the options' verbosity), that also keeps the
 * last of the text JMH prints. A fork that fails sends its exception to the launcher, and JMH
 * prints it here, so once the configuration is over its text is where the reason is.
 */
final class ForkOutput implements OutputFormat {

    /** Enough for a fork's exception and the tail of its output, which is where a failure shows. */
    private static final int KEPT_CHARS = 64 * 1024;

    private final OutputFormat out;
    private final StringBuilder kept = new StringBuilder();

    private ForkOutput(OutputFormat out) {
        this.out = out;
    }

    static ForkOutput of(Options options) {
        PrintStream stream;
        try {
            stream = options.getOutput().hasValue() ? new PrintStream(options.getOutput().get())
                    : new UnCloseablePrintStream(System.out, Utils.guessConsoleEncoding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ForkOutput(OutputFormatFactory.createFormatInstance(stream, options.verbosity().orElse(VerboseMode.NORMAL)));
    }

    /** The text JMH printed for this configuration (its last {@value #KEPT_CHARS} characters). */
    synchronized String text() {
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
        keep(s + System.lineSeparator());
        out.println(s);
    }

    @Override
    public void verbosePrintln(String s) {
        out.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        out.write(b);
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
    public void close() {
        out.close();
    }
}
