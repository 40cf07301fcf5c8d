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
 * that argument list (less the flags that cannot change its result), so a rerun recognises a finished trial whatever
 * order the trials come in.
 */
public record Trial(int index, Map<String, String> params, List<String> args) {
    public Trial {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        args = List.copyOf(args);
    }

    /**
     * The arguments that decide the trial's result: {@link #args} without {@code --no-progress} and {@code --threads T}
     * (display and parallelism; a run's numbers do not depend on them), so adding either to a rerun reuses finished trials.
     */
    public List<String> identity() {
        return identity(args);
    }

    /** {@link #identity()} of any train argument list. */
    static List<String> identity(List<String> args) {
        List<String> kept = new java.util.ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--no-progress") || a.startsWith("--threads=")) continue;
            if (a.equals("--threads")) {
                i++; // and its value
                continue;
            }
            kept.add(a);
        }
        return kept;
    }

    /** First 16 hex digits of SHA-256 over the {@link #identity()} joined by NUL: the trial's folder name under {@code trials/}. */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\0", identity()).getBytes(StandardCharsets.UTF_8));
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
