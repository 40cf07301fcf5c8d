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

    /**
     * The message as the CLI prints it: a {@link SettingException}'s setting replaced by its flag, and every
     * "setting (--flag)" pair the library writes for both audiences ("name them with xKey (--x-key)")
     * shortened to the flag ("name them with --x-key"); anything else unchanged.
     */
    static String message(Throwable e) {
        String m = e instanceof SettingException s ? flag(s.setting()) + " " + s.problem() : e.getMessage();
        return m == null ? null : flagsOnly(m);
    }

    private static final java.util.regex.Pattern PAIR = java.util.regex.Pattern.compile("\\b([a-z][A-Za-z0-9]*) \\((--[a-z0-9-]+)\\)");

    /** "xKey (--x-key)" → "--x-key" wherever the flag is the setting's own; other parentheses stay. */
    static String flagsOnly(String message) {
        return PAIR.matcher(message).replaceAll(r -> flag(r.group(1)).equals(r.group(2))
                ? java.util.regex.Matcher.quoteReplacement(r.group(2)) : java.util.regex.Matcher.quoteReplacement(r.group()));
    }
}
