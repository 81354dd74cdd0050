package org.edgebench.report.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.edgebench.text.Csv;
import org.edgebench.profile.OperatorTime;
import org.edgebench.profile.Profiles;
import org.edgebench.run.RunFiles;
import org.edgebench.text.Numbers;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Writes {@code operators.csv}: one row per profiled configuration, execution provider and operator
 * type, the most time first within a configuration. Times are microseconds per inference, from the
 * counted runs of the configuration's ONNX Runtime trace.
 */
public final class OperatorsCsv {

    public static final String FILE = RunFiles.OPERATORS_CSV;

    /** The columns, in file order; headers and cells come from here so they cannot drift apart. */
    enum OperatorColumn {
        CONFIGURATION("configuration", (p, o) -> p.configuration().label(false)),
        MODEL("model", (p, o) -> p.configuration().model()),
        PROVIDER("provider", (p, o) -> p.configuration().provider()),
        BATCH_SIZE("batch_size", (p, o) -> p.configuration().batchSize()),
        INTRA_OP_THREADS("intra_op_threads", (p, o) -> p.configuration().intraOpThreads()),
        CALLERS("callers", (p, o) -> Integer.toString(p.configuration().callers())),
        /** The execution provider the trace says ran the nodes, in the suite's spelling ({@code CPU}). */
        NODE_PROVIDER("node_provider", (p, o) -> o.providerName()),
        OP_TYPE("op_type", (p, o) -> o.opType()),
        NODES("nodes", (p, o) -> Integer.toString(o.nodes())),
        US_PER_INFERENCE("us_per_inference", (p, o) -> Numbers.csv(o.usPerInference())),
        US_PER_NODE("us_per_node", (p, o) -> Numbers.csv(o.usPerNode())),
        /** Of the kernel time of every operator type of the configuration: the shares add up to 1. */
        SHARE("share", (p, o) -> Numbers.csv(p.profile().share(o))),
        /** The runs counted, after the warm-up runs were dropped. */
        INFERENCES("inferences", (p, o) -> Integer.toString(p.profile().inferences()));

        private final String header;
        private final BiFunction<Profiles.Profiled, OperatorTime, String> cell;

        OperatorColumn(String header, BiFunction<Profiles.Profiled, OperatorTime, String> cell) {
            this.header = header;
            this.cell = cell;
        }

        String header() {
            return header;
        }
    }

    private OperatorsCsv() {
    }

    public static void write(Profiles profiles, Writer out) throws IOException {
        CSVFormat format = Csv.builder()
                .setHeader(Arrays.stream(OperatorColumn.values()).map(OperatorColumn::header).toArray(String[]::new))
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Profiles.Profiled p : profiles.profiled()) {
                for (OperatorTime o : p.profile().operators()) {
                    for (OperatorColumn column : OperatorColumn.values()) {
                        printer.print(column.cell.apply(p, o));
                    }
                    printer.println();
                }
            }
        }
    }
}
