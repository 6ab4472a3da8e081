package dev.crier.events;

/** A record that is not a valid event of its topic: it goes to the dead-letter topic with this message. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
