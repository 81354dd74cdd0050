package org.edgebench.bench;

import org.edgebench.bench.state.Turns;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

import java.util.Collection;
import java.util.List;

/**
 * Takes turns with other benchmark processes ({@link Turns}) around every iteration of any
 * benchmark, warm-up and measured: JMH calls it before an iteration's {@code @Setup} and after its
 * {@code @TearDown}, in the fork, so a turn holds the whole iteration, and the first and last
 * iterations hold the trial's setup and teardown too. After the fork's last measured iteration it
 * hands the turn back with {@link Turns#passLast()}: the engine keeps the turn with this side while
 * the fork exits and the next one starts. The launcher always adds this profiler; without pipes
 * ({@value Turns#PROPERTY} or {@value Turns#ENV}) it does nothing.
 */
public final class TurnsProfiler implements InternalProfiler {

    private Turns turns;
    private int measured;

    @Override
    public String getDescription() {
        return "EdgeBench: takes turns with other benchmark processes, one iteration at a time";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // Opened here, in the fork: JMH may also make profilers in the launcher, which must not hold the pipes.
        turns = Turns.requested().orElse(null);
        if (turns != null) {
            turns.take();
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        if (turns != null) {
            boolean last = iterationParams.getType() == IterationType.MEASUREMENT && ++measured == iterationParams.getCount();
            if (last) {
                turns.passLast();
            } else {
                turns.pass();
            }
        }
        return List.of();
    }
}
