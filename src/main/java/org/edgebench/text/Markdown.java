package org.edgebench.text;

/** Markdown shared by the report's summary and the comparison's tables. */
public final class Markdown {

    private Markdown() {
    }

    /** Text safe inside a table cell (and harmless outside one): a {@code |} no longer ends the cell. */
    public static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
