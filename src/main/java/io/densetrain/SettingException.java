package io.densetrain;

/**
 * A setting (a hyperparameter or option of a run) with a value it cannot take. {@link #setting()} is
 * the Java API's name for it ({@code learningRate}, {@code keepProb}, {@code batchSize} …) and the
 * message starts with that name, so a library user reads the name they wrote; the CLI rewrites the
 * name to its own flag ({@code --lr}, {@code --keep-prob}) before printing the line.
 */
public class SettingException extends BadInputException {
    private final String setting;
    private final String problem;

    /** {@code problem} completes the sentence that starts with the setting, e.g. "must be in (0, 1], got 1.5". */
    public SettingException(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
        this.problem = oneLine(problem);
    }

    /** The Java API's name of the setting. */
    public String setting() {
        return setting;
    }

    /** The message without the setting's name. */
    public String problem() {
        return problem;
    }
}
