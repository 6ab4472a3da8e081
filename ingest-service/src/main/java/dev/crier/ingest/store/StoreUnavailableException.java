package dev.crier.ingest.store;

/** The database did not answer: the request can be retried later. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(Throwable cause) {
        super("the database is unavailable", cause);
    }
}
