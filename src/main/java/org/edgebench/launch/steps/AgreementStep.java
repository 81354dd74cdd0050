package org.edgebench.launch.steps;

import org.edgebench.text.OneLine;
import org.edgebench.agreement.OutputAgreement;
import org.edgebench.analysis.Workloads;
import org.edgebench.model.ModelCatalog;
import org.edgebench.agreement.AgreementCsv;
import org.edgebench.report.WorkloadSections;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.Configuration;
import org.edgebench.agreement.OutputComparison;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's step between the benchmarks and the report: when the run measured a model and
 * its int8 twin, both are run on the same inputs and {@code agreement.csv} records how far the
 * int8 outputs are from the fp32 ones, beside the speed-up the report gives. It runs in the
 * launcher's JVM once every fork has ended, so nothing it does is timed, and it reads the pairs
 * from jmh.json, so it sees exactly the configurations that finished. A pair that cannot be
 * compared is one warning line and a row saying why; nothing here costs a measurement.
 */
public final class AgreementStep {

    private AgreementStep() {
    }

    public static void run(Path folder, ModelCatalog catalog, PrintStream out) {
        try {
            List<Configuration> finished = JmhJson.read(folder).stream().map(JmhResult::configuration).toList();
            List<Workloads.Int8Twin> twins = Workloads.int8Twins(finished);
            if (twins.isEmpty()) {
                return;
            }
            List<OutputAgreement> rows = new ArrayList<>();
            for (Workloads.Int8Twin twin : twins) {
                out.println("EdgeBench: comparing the outputs of " + OutputComparison.twins(twin).label() + " on "
                        + OutputComparison.RECORDS + " inputs");
                for (OutputAgreement row : OutputComparison.of(catalog, twin)) {
                    if (row.isFailure()) {
                        out.println("EdgeBench: warning: " + WorkloadSections.agreementLine(row));
                    }
                    rows.add(row);
                }
            }
            try (AtomicFiles files = AtomicFiles.in(folder)) {
                files.writeText(AgreementCsv.FILE, w -> AgreementCsv.write(rows, w));
                files.commit();
            }
        } catch (IOException | RuntimeException e) {
            out.println("EdgeBench: warning: " + AgreementCsv.FILE + " could not be written (" + OneLine.of(e)
                    + "); the measurements are intact");
        }
    }
}
