package org.edgebench.launch.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that sends whole lines only, each after a prefix, to a stream it shares with
 * others: the lines of configurations running at once stay whole and say whose they are.
 */
final class PrefixedLines extends OutputStream {

    private final PrintStream target;
    private final byte[] prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    PrefixedLines(PrintStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /* A partial line stays until its end comes: flushing it would break it in two. */
    @Override
    public void flush() {
    }

    /** Sends what is left of the last line, if anything. */
    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            line.write('\n');
            emit();
        }
    }

    /* One write of the whole line: the shared stream underneath takes each write whole. */
    private void emit() {
        byte[] whole = new byte[prefix.length + line.size()];
        System.arraycopy(prefix, 0, whole, 0, prefix.length);
        System.arraycopy(line.toByteArray(), 0, whole, prefix.length, line.size());
        target.write(whole, 0, whole.length);
        target.flush();
        line.reset();
    }
}
