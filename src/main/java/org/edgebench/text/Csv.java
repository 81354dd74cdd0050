package org.edgebench.text;

import org.apache.commons.csv.CSVFormat;

/** The one CSV format EdgeBench writes: RFC 4180 quoting, every line ending in LF. */
public final class Csv {

    private Csv() {
    }

    /** A builder of the format, to add a header. */
    public static CSVFormat.Builder builder() {
        return CSVFormat.DEFAULT.builder().setRecordSeparator('\n');
    }
}
