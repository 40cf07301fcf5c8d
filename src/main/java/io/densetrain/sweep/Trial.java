package io.densetrain.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One trial, self-contained: the {@code train} argument list it equals (the sweep's base flags followed by
 * {@code --NAME value} for each swept setting) and the swept values by name. Its identity is the SHA-256 of
 * that argument list, so a rerun recognises a finished trial whatever order the trials come in.
 */
public record Trial(int index, Map<String, String> params, List<String> args) {
    public Trial {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        args = List.copyOf(args);
    }

    /** First 16 hex digits of SHA-256 over the arguments joined by NUL: the trial's folder name under {@code trials/}. */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\0", args).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** "l2=0.7 keep-prob=1" for progress lines and plot legends. */
    public String label() {
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return s.length() == 0 ? "base" : s.toString();
    }
}
