package org.edgebench.arrivals;

/** What a worker does for one batch of requests: one inference call in a measurement. */
@FunctionalInterface
public interface Service {

    /**
     * Serves {@code requests} requests in one call.
     *
     * @param requests between 1 and the batcher's largest batch
     */
    void serve(int requests) throws Exception;
}
