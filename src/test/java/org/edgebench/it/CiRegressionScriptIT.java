package org.edgebench.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;


/**
 * scripts/ci-regression.sh refuses bad input with one line and exit 2 before it builds or runs
 * anything (the runs themselves are minutes long and measured by hand, docs/compare.md).
 */
class CiRegressionScriptIT {

    @TempDir
    Path tmp;

    @Test
    void unknownRevisionIsBadInput() throws Exception {
        assertBadInput(Map.of(), "unknown revision 'no-such-revision-here'", "--against", "no-such-revision-here");
    }

    @Test
    void againstWithoutARevisionIsBadInput() throws Exception {
        assertBadInput(Map.of(), "--against needs a revision", "--against");
    }

    @Test
    void roundsMustBeAWholeNumber() throws Exception {
        assertBadInput(Map.of("EDGEBENCH_ROUNDS", "0"), "EDGEBENCH_ROUNDS must be a whole number >= 1", "--against", "HEAD");
        assertBadInput(Map.of("EDGEBENCH_FORKS", "two"), "EDGEBENCH_FORKS must be a whole number >= 1", "--against", "HEAD");
    }

    @Test
    void missingBaselineNamesBothWaysOut() throws Exception {
        assertBadInput(Map.of(), "no baseline benchmarks/baselines/no-such-baseline.json", "no-such-baseline");
    }

    private void assertBadInput(Map<String, String> env, String message, String... args) throws Exception {
        ScriptRun.assertBadInput("ci-regression.sh", tmp, env, message, args);
    }
}
