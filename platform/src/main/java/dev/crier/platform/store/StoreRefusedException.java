package dev.crier.platform.store;

/** The database refused the work itself (a constraint, bad data): trying it again will not help. */
public class StoreRefusedException extends RuntimeException {
    public StoreRefusedException(Throwable cause) {
        super("the database refused the change: " + cause.getMessage(), cause);
    }
}
