package org.edgebench.arrivals;

import java.util.concurrent.locks.LockSupport;

/**
 * The time an open loop runs on, in nanoseconds. The system clock in a measurement; a clock the
 * test advances itself when the harness is checked against queueing theory, so that check does
 * not depend on how busy the machine is.
 */
public interface Clock {

    /** Now, in nanoseconds from an arbitrary origin. */
    long now();

    /** Returns at {@code nanos} or as soon after as the clock allows. */
    void awaitUntil(long nanos);

    /**
     * {@code System.nanoTime}: parks until shortly before the time, then spins the rest, since a
     * parked thread wakes up to tens of microseconds late and a late start is counted as waiting.
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** The system clock. */
    enum SystemClock implements Clock {
        INSTANCE;

        /** Closer than this, the thread spins instead of parking. */
        static final long SPIN_NANOS = 100_000;

        @Override
        public long now() {
            return System.nanoTime();
        }

        @Override
        public void awaitUntil(long nanos) {
            for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
                if (left > SPIN_NANOS) {
                    LockSupport.parkNanos(left - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
