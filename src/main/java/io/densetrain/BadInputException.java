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

    /** A word of a message longer than this (a damaged cell or header quoted whole) is shortened. */
    static final int LONGEST_WORD = 200;

    /**
     * The message with control characters (a line break inside a tensor name or a CSV header read from a
     * damaged file) written as escapes, so the error stays one line whatever the file holds, and every word
     * (run of non-blanks) longer than {@link #LONGEST_WORD} characters shortened to its first 100 and last
     * 40 with their count between, so a megabyte cell quoted from a file stays a readable line.
     */
    static String oneLine(String message) {
        if (message == null) return null;
        String line = shortenWords(escapeControls(message));
        return line.length() <= LONGEST_LINE ? line
                : line.substring(0, 1200) + " …(" + (line.length() - 1800) + " characters left out)… " + line.substring(line.length() - 600);
    }

    /** A longer line (a listing of thousands of names) keeps its first 1200 and last 600 characters: the fix is at the end. */
    static final int LONGEST_LINE = 2000;

    private static String shortenWords(String message) {
        if (message.length() <= LONGEST_WORD) return message;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S{" + (LONGEST_WORD + 1) + ",}").matcher(message);
        return m.replaceAll(r -> java.util.regex.Matcher.quoteReplacement(r.group().substring(0, 100) + "…(" + r.group().length()
                + " characters)…" + r.group().substring(r.group().length() - 40)));
    }

    private static String escapeControls(String message) {
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
