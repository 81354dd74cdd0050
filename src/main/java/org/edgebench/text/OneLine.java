package org.edgebench.text;

/** An exception as the one line the launcher prints. */
public final class OneLine {

    private OneLine() {
    }

    /** The message of {@code e} on one line, or its class name when it has none. */
    public static String of(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
