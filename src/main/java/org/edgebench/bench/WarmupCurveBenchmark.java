package org.edgebench.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.ValueInfo;
import org.edgebench.bench.state.InputTensorsState;
import org.edgebench.bench.state.OrtSessionState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The warm-up curve: the latency of the 1st, 2nd ... 30th inference after a session is created.
 * Each measurement iteration times exactly one call ({@link Mode#SingleShotTime}) and there is no
 * warm-up, so iteration k of a fork is the k-th inference of that fork's session; JMH's JSON holds
 * them as {@code rawData[fork][iteration]}, and {@code org.edgebench.analysis.WarmupCurve} turns that
 * into "first inference X ms, steady P50 Y ms, reached after about K runs".
 *
 * <p>Excluded: creating the session and the input tensors (once per fork, before the first
 * iteration). ONNX Runtime allocates the outputs on every call, as a plain {@code session.run}
 * does, so the steady end of the curve can sit slightly above {@code OrtSessionRunBenchmark}, which
 * writes into pre-allocated outputs. JMH's own bookkeeping between iterations (recording the result,
 * starting the next iteration) puts a pause between two calls, so caches see less reuse than in a
 * tight loop.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar WarmupCurveBenchmark -p model=student -p batchSize=1,8 -p provider=CPU}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Each fork is one fresh session and JVM: five curves show which bumps are real and which are noise.
@Fork(5)
// The first calls are the point: warming up would cut them off.
@Warmup(iterations = 0)
// Thirty single calls: the student model settles in about ten on a 2-core x86, so the last half is the plateau.
@Measurement(iterations = 30)
public class WarmupCurveBenchmark {

    /**
     * One inference. The first output's metadata, taken before the result is closed, is what the
     * blackhole consumes: it comes from this call, and taking it is a field read.
     */
    @Benchmark
    public ValueInfo run(OrtSessionState session, InputTensorsState batch) throws OrtException {
        try (OrtSession.Result result = session.session.run(batch.inputs)) {
            return result.get(0).getInfo();
        }
    }
}
