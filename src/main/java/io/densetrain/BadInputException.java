package io.densetrain;

/**
 * A problem with what the user gave us (a file, a flag, a shape, a hyperparameter). The message is
 * one line that names the problem and the fix; the CLI prints it and exits with status 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
