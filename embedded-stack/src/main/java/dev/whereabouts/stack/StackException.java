package dev.whereabouts.stack;

/** The embedded stack could not start or a component failed; the message says which and why. */
public class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
