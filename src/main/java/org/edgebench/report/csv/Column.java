package org.edgebench.report.csv;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.run.Configuration;
import org.edgebench.text.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV columns of {@code latency.csv} and {@code latency_samples.csv}, in file order; the
 * header names and the cell values come from here so they cannot drift apart.
 */
public enum Column {
    BENCHMARK("benchmark"),
    MODEL("model"),
    PROVIDER("provider"),
    BATCH_SIZE("batch_size"),
    INTRA_OP_THREADS("intra_op_threads"),
    MODE("mode"),
    SAMPLES("samples"),
    MEAN_MS("mean_ms"),
    P50_MS("p50_ms"),
    P90_MS("p90_ms"),
    P95_MS("p95_ms"),
    P99_MS("p99_ms"),
    P999_MS("p999_ms"),
    MAX_MS("max_ms"),
    ERROR_MS("error_ms"),
    THROUGHPUT_ITEMS_PER_S("throughput_items_per_s"),
    /** Only when some configuration had more than one: JMH threads calling one session at once ({@code -t}, {@code --callers}). */
    CALLERS("callers"),
    /** Only when {@code -prof gc} ran: Java heap bytes per operation (not ONNX Runtime's native memory). */
    ALLOC_BYTES_PER_OP("alloc_bytes_per_op"),
    /** Only when EdgeBench's memory profiler ran: the fork's peak resident set size in MB. */
    PEAK_RSS_MB("peak_rss_mb"),
    /** Only when EdgeBench's memory profiler ran: the input and output tensors of one call in MB. */
    TENSOR_MB("tensor_mb"),
    /** Only when some benchmark has parameters without a column above: {@code name=value} pairs joined by {@code ;}. */
    PARAMS("params"),
    LATENCY_MS("latency_ms"),
    COUNT("count");

    private final String header;

    Column(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /**
     * The columns that identify a configuration: {@code callers} when some row had more than one,
     * {@code params} when some row has parameters without a column of their own.
     */
    public static List<Column> configuration(List<ConfigurationStats> rows) {
        List<Column> columns = new ArrayList<>(List.of(BENCHMARK, MODEL, PROVIDER, BATCH_SIZE, INTRA_OP_THREADS, MODE));
        if (severalCallers(rows)) {
            columns.add(CALLERS);
        }
        if (rows.stream().anyMatch(r -> !PARAMS.value(r).isEmpty())) {
            columns.add(PARAMS);
        }
        return columns;
    }

    /**
     * {@code latency.csv}: the contract's columns, then each optional one that some row has a value
     * for; {@code callers} only when some row had more than one, so a run of one caller per
     * configuration keeps the columns it always had.
     */
    public static List<Column> latency(List<ConfigurationStats> rows) {
        List<Column> columns = new ArrayList<>(List.of(BENCHMARK, MODEL, PROVIDER, BATCH_SIZE, INTRA_OP_THREADS, MODE,
                SAMPLES, MEAN_MS, P50_MS, P90_MS, P95_MS, P99_MS, P999_MS, MAX_MS, ERROR_MS, THROUGHPUT_ITEMS_PER_S));
        if (severalCallers(rows)) {
            columns.add(CALLERS);
        }
        for (Column optional : List.of(ALLOC_BYTES_PER_OP, PEAK_RSS_MB, TENSOR_MB, PARAMS)) {
            if (rows.stream().anyMatch(row -> !optional.value(row).isEmpty())) {
                columns.add(optional);
            }
        }
        return columns;
    }

    /** {@code latency_samples.csv}: the configuration, then one distinct latency and its count per row. */
    public static List<Column> samples(List<ConfigurationStats> rows) {
        List<Column> columns = configuration(rows);
        columns.add(LATENCY_MS);
        columns.add(COUNT);
        return columns;
    }

    private static boolean severalCallers(List<ConfigurationStats> rows) {
        return rows.stream().anyMatch(r -> r.configuration().callers() != 1);
    }

    public static String[] headers(List<Column> columns) {
        return columns.stream().map(Column::header).toArray(String[]::new);
    }

    /** This column's cell for a configuration; empty when the value is missing. */
    public String value(ConfigurationStats stats) {
        Configuration c = stats.configuration();
        return switch (this) {
            case BENCHMARK -> c.benchmark();
            case MODEL -> c.model();
            case PROVIDER -> c.provider();
            case BATCH_SIZE -> c.batchSize();
            case INTRA_OP_THREADS -> c.intraOpThreads();
            case MODE -> c.mode();
            case CALLERS -> Integer.toString(c.callers());
            case SAMPLES -> Long.toString(stats.samples());
            case MEAN_MS -> Numbers.csv(stats.meanMs());
            case P50_MS -> Numbers.csv(stats.p50Ms());
            case P90_MS -> Numbers.csv(stats.p90Ms());
            case P95_MS -> Numbers.csv(stats.p95Ms());
            case P99_MS -> Numbers.csv(stats.p99Ms());
            case P999_MS -> Numbers.csv(stats.p999Ms());
            case MAX_MS -> Numbers.csv(stats.maxMs());
            case ERROR_MS -> Numbers.csv(stats.errorMs());
            case THROUGHPUT_ITEMS_PER_S -> Numbers.csv(stats.throughputItemsPerS());
            case ALLOC_BYTES_PER_OP -> Numbers.csv(stats.allocBytesPerOp());
            case PEAK_RSS_MB -> Numbers.csv(stats.peakRssMb());
            case TENSOR_MB -> Numbers.csv(stats.tensorMb());
            case PARAMS -> c.otherParamsText();
            case LATENCY_MS, COUNT -> throw new IllegalArgumentException(this + " is a per-sample column");
        };
    }
}
