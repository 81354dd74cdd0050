package org.edgebench.compare;

import java.util.Locale;

/** The outcome for one configuration; see docs/compare.md for the rules. */
public enum Verdict {
    REGRESSED, IMPROVED, UNCHANGED, INCONCLUSIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
