package org.edgebench.bench;

import org.edgebench.run.Benchmark;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Each name in {@link Benchmark} is a benchmark method of this package, as JMH names it. */
class BenchmarkNamesTest {

    @Test
    void everyRegisteredNameIsABenchmarkMethod() throws Exception {
        for (Benchmark benchmark : Benchmark.values()) {
            Class<?> type = Class.forName(Benchmark.PACKAGE + "." + benchmark.className());
            assertThat(type.getPackageName()).isEqualTo(getClass().getPackageName());
            assertThat(Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(benchmark.method()))
                    .filter(m -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)))
                    .as(benchmark.jmhName()).hasSize(1);
            assertThat("org.edgebench.bench." + benchmark.className() + "." + benchmark.method()).matches(benchmark.include());
        }
    }

    @Test
    void everyBenchmarkClassIsRegistered() {
        for (Class<?> type : new Class<?>[] {OrtSessionRunBenchmark.class, DjlPredictorBenchmark.class,
                SessionColdStartBenchmark.class, WarmupCurveBenchmark.class}) {
            Method method = Arrays.stream(type.getMethods())
                    .filter(m -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)).findFirst().orElseThrow();
            assertThat(Benchmark.values()).anyMatch(b -> (type.getName() + "." + method.getName()).equals(b.jmhName()));
        }
    }
}
