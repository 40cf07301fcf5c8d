package io.densetrain.cli;

import io.densetrain.SettingException;
import java.util.Map;

/**
 * The CLI's words for the library's settings: a {@link SettingException} names the Java API's setting
 * ({@code learningRate}); the CLI prints its flag ({@code --lr}) instead. A setting's flag is its name
 * in kebab case ({@code keepProb} → {@code --keep-prob}) unless the table below says otherwise.
 */
final class SettingFlags {
    /** Settings whose flag is not their kebab-case name. */
    private static final Map<String, String> FLAGS = Map.of(
            "learningRate", "--lr",
            "samplePerBlock", "--sample");

    private SettingFlags() {
    }

    /** The flag of {@code setting}: the table's entry, else "--" and the camelCase name in kebab case. */
    static String flag(String setting) {
        String f = FLAGS.get(setting);
        return f != null ? f : "--" + setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The message as the CLI prints it: a setting's name replaced by its flag, anything else unchanged. */
    static String message(Throwable e) {
        return e instanceof SettingException s ? flag(s.setting()) + " " + s.problem() : e.getMessage();
    }
}
