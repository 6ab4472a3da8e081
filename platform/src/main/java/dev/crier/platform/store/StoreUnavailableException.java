package dev.crier.platform.store;

/** The database did not answer: the request or the event can be retried later (a 503 for HTTP callers). */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(Throwable cause) {
        super("the database is unavailable", cause);
    }
}
