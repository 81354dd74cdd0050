package org.edgebench.agreement;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.edgebench.text.Csv;
import org.edgebench.run.CsvRows;
import org.edgebench.run.RunFiles;
import org.edgebench.text.Numbers;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code agreement.csv}: one row per int8 model, provider and output, with how closely its
 * outputs follow its fp32 twin's ({@link OutputAgreement}). The launcher writes it after the
 * benchmarks; the report reads it back, so {@code report RUN_DIR} shows it too. A row that could
 * not be computed keeps its figures empty and says why in {@code error}; {@code top1_agreement}
 * and {@code fp32_majority_share} are empty for an output that is not a classifier's.
 */
public final class AgreementCsv {

    public static final String FILE = RunFiles.AGREEMENT_CSV;

    /** The columns, in file order; headers and cells come from here so they cannot drift apart. */
    enum Col {
        MODEL("model", a -> a.twins().model()),
        INT8_MODEL("int8_model", a -> a.twins().int8Model()),
        PROVIDER("provider", a -> a.twins().provider()),
        DIMS("dims", a -> a.twins().dims()),
        OUTPUT("output", OutputAgreement::output),
        INPUTS("inputs", a -> a.isFailure() ? "" : Long.toString(a.inputs())),
        MAX_ABS_DIFF("max_abs_diff", a -> Numbers.csv(a.maxAbsDiff())),
        MEAN_ABS_ERROR("mean_abs_error", a -> Numbers.csv(a.meanAbsError())),
        COSINE_SIMILARITY("cosine_similarity", a -> Numbers.csv(a.cosineSimilarity())),
        TOP1_AGREEMENT("top1_agreement", a -> Numbers.csv(a.top1Agreement())),
        FP32_MAJORITY_SHARE("fp32_majority_share", a -> Numbers.csv(a.fp32MajorityShare())),
        INPUT_SOURCE("input_source", OutputAgreement::inputSource),
        ERROR("error", OutputAgreement::error);

        final String header;
        final Function<OutputAgreement, String> cell;

        Col(String header, Function<OutputAgreement, String> cell) {
            this.header = header;
            this.cell = cell;
        }
    }

    /**
     * What the report found in a run folder: the rows, or why agreement.csv could not be read;
     * both empty when the folder has none.
     */
    public record Contents(List<OutputAgreement> rows, String problem) {

        public static final Contents NONE = new Contents(List.of(), "");

        public boolean isEmpty() {
            return rows.isEmpty() && problem.isEmpty();
        }
    }

    private AgreementCsv() {
    }

    /** agreement.csv of {@code folder}, or the reason it could not be read; {@link Contents#NONE} when there is none. */
    public static Contents contents(Path folder) {
        try {
            return read(folder).map(rows -> new Contents(rows, "")).orElse(Contents.NONE);
        } catch (IOException e) {
            return new Contents(List.of(), FILE + " is unreadable (" + Optional.ofNullable(e.getMessage())
                    .map(m -> m.lines().findFirst().orElse("")).orElse(e.getClass().getSimpleName()) + ")");
        }
    }

    public static void write(List<OutputAgreement> rows, Writer out) throws IOException {
        CSVFormat format = Csv.builder()
                .setHeader(Arrays.stream(Col.values()).map(c -> c.header).toArray(String[]::new))
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (OutputAgreement row : rows) {
                for (Col column : Col.values()) {
                    printer.print(column.cell.apply(row));
                }
                printer.println();
            }
        }
    }

    /** Every column the file must have. */
    private static final List<String> HEADERS = Arrays.stream(Col.values()).map(c -> c.header).toList();

    /**
     * The rows of {@code agreement.csv} in {@code folder}; empty when there is no such file (the
     * run had no int8 pair, or was made before the file existed).
     *
     * @throws IOException when the file is there but cannot be read as agreement.csv, saying why
     */
    public static Optional<List<OutputAgreement>> read(Path folder) throws IOException {
        return CsvRows.read(folder, FILE, HEADERS, AgreementCsv::row);
    }

    /** Reads the rows; columns are found by their header, so their order does not matter. */
    public static List<OutputAgreement> read(Reader in) throws IOException {
        return CsvRows.read(in, HEADERS, AgreementCsv::row);
    }

    private static OutputAgreement row(CSVRecord record) throws IOException {
        OutputAgreement.Twins twins = new OutputAgreement.Twins(text(record, Col.MODEL), text(record, Col.INT8_MODEL),
                text(record, Col.PROVIDER), text(record, Col.DIMS));
        String inputs = text(record, Col.INPUTS);
        return new OutputAgreement(twins, text(record, Col.OUTPUT), text(record, Col.INPUT_SOURCE),
                inputs.isEmpty() ? 0 : (long) number(record, Col.INPUTS), number(record, Col.MAX_ABS_DIFF),
                number(record, Col.MEAN_ABS_ERROR), number(record, Col.COSINE_SIMILARITY),
                number(record, Col.TOP1_AGREEMENT), number(record, Col.FP32_MAJORITY_SHARE), text(record, Col.ERROR));
    }

    private static String text(CSVRecord record, Col column) {
        return record.isSet(column.header) ? record.get(column.header) : "";
    }

    /** A number, or NaN for an empty cell. */
    private static double number(CSVRecord record, Col column) throws IOException {
        String cell = text(record, column).strip();
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException("row " + record.getRecordNumber() + ": '" + cell + "' in column " + column.header
                    + " is not a number");
        }
    }
}
