package org.edgebench.launch;

/** The launcher's exit codes (see README, "Exit codes"). */
public final class ExitCodes {

    /** Everything ran; `compare` found no regression. */
    public static final int OK = 0;
    /** `compare` found a regression, or a benchmark failed. */
    public static final int FAILURE = 1;
    /** Bad usage or bad input, reported in one line. */
    public static final int BAD_INPUT = 2;

    /** `compare --sequential`: some configuration is undecided before the last look; add rounds and ask again. */
    public static final int UNDECIDED = 4;

    private ExitCodes() {
    }
}
