package org.edgebench;

/**
 * Bad usage or bad input: the launcher prints the message as one line and exits with code 2.
 * The message must say what is wrong and what to do instead.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
