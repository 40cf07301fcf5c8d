package io.densetrain;

/**
 * A problem with what the user gave us (a file, a flag, a shape, a hyperparameter). The message is
 * one line that names the problem and the fix; the CLI prints it and exits with status 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * The message with control characters (a line break inside a tensor name or a CSV header read from a
     * damaged file) written as escapes, so the error stays one line whatever the file holds.
     */
    static String oneLine(String message) {
        if (message == null) return null;
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (c == '\n') out.append("\\n");
            else if (c == '\r') out.append("\\r");
            else if (c == '\t') out.append("\\t");
            else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) out.append(String.format("\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }
}
