package org.edgebench.arrivals;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.edgebench.text.Csv;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** {@code arrivals.csv}: one row per schedule served; the columns come from {@link Column}. */
public final class ArrivalsCsv {

    public static final String FILE = "arrivals.csv";

    /** The columns, in file order. */
    public enum Column {
        CONFIGURATION("configuration", ArrivalRow::configuration),
        MODEL("model", ArrivalRow::model),
        PROVIDER("provider", ArrivalRow::provider),
        BATCH_SIZE("batch_size", ArrivalRow::batchSize),
        INTRA_OP_THREADS("intra_op_threads", ArrivalRow::intraOpThreads),
        DIMS("dims", ArrivalRow::dims),
        RUN("run", ArrivalRow::run),
        ARRIVALS("arrivals", ArrivalRow::arrivals),
        ASKED("asked", ArrivalRow::asked),
        OFFERED("offered_per_s", r -> num(r.offeredPerS())),
        ACHIEVED("achieved_per_s", r -> num(r.achievedPerS())),
        CLOSED_LOOP("closed_loop_max_per_s", r -> num(r.closedLoopPerS())),
        DURATION("duration_s", r -> num(r.durationS())),
        WORKERS("workers", r -> Integer.toString(r.workers())),
        MAX_BATCH("max_batch", r -> Integer.toString(r.maxBatch())),
        MAX_WAIT("max_wait_ms", r -> num(r.maxWaitMs())),
        MEAN_BATCH("mean_batch", r -> num(r.meanBatch())),
        REQUESTS("requests", r -> Long.toString(r.requests())),
        UNFINISHED("unfinished", r -> Long.toString(r.unfinished())),
        KEEPS_UP("keeps_up", r -> Boolean.toString(r.keepsUp())),
        BACKLOG("backlog_growth_per_s", r -> num(r.backlogPerS())),
        RESPONSE_P50("response_p50_ms", r -> num(r.response().p50())),
        RESPONSE_P95("response_p95_ms", r -> num(r.response().p95())),
        RESPONSE_P99("response_p99_ms", r -> num(r.response().p99())),
        RESPONSE_P999("response_p999_ms", r -> num(r.response().p999())),
        RESPONSE_MAX("response_max_ms", r -> num(r.response().max())),
        RESPONSE_P95_BOUND("response_p95_bound_ms", r -> num(r.response().p95Bound())),
        RESPONSE_P99_BOUND("response_p99_bound_ms", r -> num(r.response().p99Bound())),
        RESPONSE_P999_BOUND("response_p999_bound_ms", r -> num(r.response().p999Bound())),
        WAIT_P50("wait_p50_ms", r -> num(r.waiting().p50())),
        WAIT_P95("wait_p95_ms", r -> num(r.waiting().p95())),
        WAIT_P99("wait_p99_ms", r -> num(r.waiting().p99())),
        WAIT_P999("wait_p999_ms", r -> num(r.waiting().p999())),
        WAIT_MAX("wait_max_ms", r -> num(r.waiting().max())),
        WAIT_P95_BOUND("wait_p95_bound_ms", r -> num(r.waiting().p95Bound())),
        WAIT_P99_BOUND("wait_p99_bound_ms", r -> num(r.waiting().p99Bound())),
        WAIT_P999_BOUND("wait_p999_bound_ms", r -> num(r.waiting().p999Bound())),
        SERVICE_P50("service_p50_ms", r -> num(r.serviceP50Ms())),
        SERVICE_P99("service_p99_ms", r -> num(r.serviceP99Ms())),
        LATENESS_P99("lateness_p99_ms", r -> num(r.latenessP99Ms())),
        SLO("slo_ms", r -> num(r.sloMs())),
        SLO_PERCENTILE("slo_percentile", r -> num(r.sloPercentile())),
        WITHIN_SLO("within_slo", ArrivalRow::withinSlo),
        PEAK("peak", r -> Boolean.toString(r.peak()));

        final String header;
        final Function<ArrivalRow, String> cell;

        Column(String header, Function<ArrivalRow, String> cell) {
            this.header = header;
            this.cell = cell;
        }

        public String header() {
            return header;
        }
    }

    private ArrivalsCsv() {
    }

    /** Blank for NaN, so a spreadsheet sees an empty cell where there is no number. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    public static void write(List<ArrivalRow> rows, Writer out) throws IOException {
        String[] headers = Arrays.stream(Column.values()).map(Column::header).toArray(String[]::new);
        try (CSVPrinter printer = Csv.builder().setHeader(headers).get().print(out)) {
            for (ArrivalRow row : rows) {
                List<String> cells = new ArrayList<>();
                for (Column c : Column.values()) {
                    cells.add(c.cell.apply(row));
                }
                printer.printRecord(cells);
            }
        }
    }

    /** The rows of {@code folder}'s arrivals.csv; none when there is no such file. */
    public static List<ArrivalRow> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<ArrivalRow> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                rows.add(row(r));
            }
            return rows;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(file + " is not an arrivals table: " + e.getMessage(), e);
        }
    }

    private static ArrivalRow row(CSVRecord r) {
        return new ArrivalRow(r.get(Column.CONFIGURATION.header), r.get(Column.MODEL.header), r.get(Column.PROVIDER.header),
                r.get(Column.BATCH_SIZE.header), r.get(Column.INTRA_OP_THREADS.header), r.get(Column.DIMS.header),
                r.get(Column.RUN.header), r.get(Column.ARRIVALS.header), r.get(Column.ASKED.header), d(r, Column.OFFERED),
                d(r, Column.ACHIEVED), d(r, Column.CLOSED_LOOP), d(r, Column.DURATION), (int) d(r, Column.WORKERS),
                (int) d(r, Column.MAX_BATCH), d(r, Column.MAX_WAIT), d(r, Column.MEAN_BATCH), (long) d(r, Column.REQUESTS),
                (long) d(r, Column.UNFINISHED), Boolean.parseBoolean(r.get(Column.KEEPS_UP.header)), d(r, Column.BACKLOG),
                new ArrivalRow.Tail(d(r, Column.RESPONSE_P50), d(r, Column.RESPONSE_P95), d(r, Column.RESPONSE_P99),
                        d(r, Column.RESPONSE_P999), d(r, Column.RESPONSE_MAX), d(r, Column.RESPONSE_P95_BOUND),
                        d(r, Column.RESPONSE_P99_BOUND), d(r, Column.RESPONSE_P999_BOUND)),
                new ArrivalRow.Tail(d(r, Column.WAIT_P50), d(r, Column.WAIT_P95), d(r, Column.WAIT_P99), d(r, Column.WAIT_P999),
                        d(r, Column.WAIT_MAX), d(r, Column.WAIT_P95_BOUND), d(r, Column.WAIT_P99_BOUND), d(r, Column.WAIT_P999_BOUND)),
                d(r, Column.SERVICE_P50), d(r, Column.SERVICE_P99), d(r, Column.LATENESS_P99), d(r, Column.SLO),
                d(r, Column.SLO_PERCENTILE), r.get(Column.WITHIN_SLO.header), Boolean.parseBoolean(r.get(Column.PEAK.header)));
    }

    private static double d(CSVRecord r, Column c) {
        String v = r.get(c.header);
        return v.isBlank() ? Double.NaN : Double.parseDouble(v);
    }
}
