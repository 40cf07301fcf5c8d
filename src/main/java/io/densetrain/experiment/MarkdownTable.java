package io.densetrain.experiment;

import java.util.ArrayList;
import java.util.List;

/** A markdown table built row by row. */
public final class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    public MarkdownTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(c instanceof Double d ? format(d) : String.valueOf(c));
        rows.add(r);
        return this;
    }

    public List<List<String>> rows() {
        return rows;
    }

    static String format(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format("%.3e", v) : String.format("%.4f", v);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> s.append("---|"));
        s.append('\n');
        rows.forEach(r -> s.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return s.toString();
    }
}
