package org.edgebench.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.ColdSessionState;
import org.edgebench.runtime.Sessions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cold start: the time from "I have a model file" to "I have the first answer" in a JVM that has
 * ONNX Runtime loaded but has never created a session: session options with the provider attached,
 * the session (ONNX Runtime reads and parses the file, optimises the graph, assigns the nodes to
 * providers), the input tensors (synthesized, or made from input files read before the
 * measurement), and the first inference. One measurement per fork
 * ({@link Mode#SingleShotTime}); the forks give the spread.
 *
 * <p>Excluded, and done in the fork before the measurement: JVM start, loading ONNX Runtime's
 * classes and native library, and creating its process-wide environment (an application pays these
 * once, whatever the number of models), resolving the model file, reading input files, and
 * closing everything afterwards. The model file is usually in the OS page cache (earlier forks read it), so disk
 * reads are not in the number either. With the default single iteration, each measurement is the
 * first session of its JVM; more iterations ({@code -i}) would measure later sessions too, which are
 * faster, and mix the two.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar SessionColdStartBenchmark -p model=student -p batchSize=1 -p provider=CPU}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// A cold start happens once per JVM: ten fresh JVMs give ten honest samples and their spread.
@Fork(10)
// A warm-up would make the measured session the JVM's second, which is the thing not to measure.
@Warmup(iterations = 0)
// One measurement per fork: the fork's first session.
@Measurement(iterations = 1)
public class SessionColdStartBenchmark {

    /** Creates the session, builds the inputs and runs the first inference; the state closes them after the iteration. */
    @Benchmark
    public OrtSession.Result createSessionAndRunFirst(ColdSessionState cold) throws OrtException {
        cold.options = cold.newOptions();
        cold.session = Sessions.open(cold.env, cold.modelFile, cold.options);
        cold.inputTensors = cold.inputSource.tensors(cold.env, cold.model, cold.session.getInputInfo(), cold.batchSize,
                cold.dimValues());
        cold.firstResult = cold.session.run(cold.inputTensors);
        return cold.firstResult;
    }
}
