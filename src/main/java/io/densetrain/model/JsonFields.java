package io.densetrain.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.densetrain.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, checked access to the fields of a JSON object read from a file: each accessor either returns
 * a value of the right type and range or throws one {@link BadInputException} naming the file, the
 * field and what was wrong (never Gson's JsonSyntax/ClassCast/NumberFormat/IllegalState exceptions).
 */
final class JsonFields {
    private final Path file;
    private final String prefix;
    private final JsonObject object;

    private JsonFields(Path file, String prefix, JsonObject object) {
        this.file = file;
        this.prefix = prefix;
        this.object = object;
    }

    static JsonFields parse(Path file, byte[] bytes) {
        JsonElement root;
        try {
            root = JsonParser.parseString(ModelDirectory.utf8(bytes));
        } catch (RuntimeException e) {
            throw new BadInputException(file + " is not valid JSON; the file is damaged, save it again or use an earlier copy");
        }
        if (root == null || !root.isJsonObject()) {
            throw new BadInputException(file + " is not a JSON object; the file is damaged, save it again or use an earlier copy");
        }
        int depth = depth(root);
        if (depth > MAX_DEPTH) {
            throw new BadInputException(file + " nests arrays or objects " + depth + " levels deep (densetrain writes at most a few);"
                    + " the file is damaged, save it again or use an earlier copy");
        }
        return new JsonFields(file, "", root.getAsJsonObject());
    }

    /** Deeper documents are refused: Gson's equals/toString recurse, and 100 000 levels overflow the stack. */
    static final int MAX_DEPTH = 64;

    /** The nesting depth of {@code root}, computed without recursion. */
    static int depth(JsonElement root) {
        java.util.ArrayDeque<JsonElement> stack = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> levels = new java.util.ArrayDeque<>();
        stack.push(root);
        levels.push(1);
        int max = 0;
        while (!stack.isEmpty()) {
            JsonElement e = stack.pop();
            int level = levels.pop();
            max = Math.max(max, level);
            if (max > MAX_DEPTH) return max;
            Iterable<JsonElement> children = e.isJsonArray() ? e.getAsJsonArray()
                    : e.isJsonObject() ? e.getAsJsonObject().asMap().values() : List.of();
            for (JsonElement c : children) {
                if (c.isJsonArray() || c.isJsonObject()) {
                    stack.push(c);
                    levels.push(level + 1);
                }
            }
        }
        return max;
    }

    JsonFields child(String name, JsonElement e) {
        if (e == null || !e.isJsonObject()) throw bad(name, "is not an object");
        return new JsonFields(file, name + ".", e.getAsJsonObject());
    }

    JsonObject raw() {
        return object;
    }

    boolean has(String key) {
        return object.has(key) && !object.get(key).isJsonNull();
    }

    BadInputException bad(String key, String what) {
        return new BadInputException(file + ": field '" + prefix + key + "' " + what
                + "; the file is damaged, save it again or use an earlier copy");
    }

    void require(boolean ok, String key, String what) {
        if (!ok) throw bad(key, what);
    }

    private JsonElement get(String key) {
        JsonElement e = object.get(key);
        if (e == null || e.isJsonNull()) throw bad(key, "is missing");
        return e;
    }

    JsonObject object(String key) {
        JsonElement e = get(key);
        if (!e.isJsonObject()) throw bad(key, "is not an object");
        return e.getAsJsonObject();
    }

    JsonArray array(String key) {
        JsonElement e = get(key);
        if (!e.isJsonArray()) throw bad(key, "is not an array");
        return e.getAsJsonArray();
    }

    String string(String key) {
        JsonElement e = get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw bad(key, "is not a string");
        return e.getAsString();
    }

    boolean bool(String key) {
        JsonElement e = get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw bad(key, "is not true or false");
        return e.getAsBoolean();
    }

    /** A number; NaN and ±Inf (written as such by Gson) are accepted only when {@code finite} is false. */
    double number(String key, boolean finite) {
        return number(key, get(key), finite);
    }

    double number(String key, JsonElement e, boolean finite) {
        double v;
        try {
            if (!e.isJsonPrimitive()) throw new NumberFormatException();
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) throw new NumberFormatException();
            v = p.getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
            throw bad(key, "is not a number");
        }
        if (finite && !Double.isFinite(v)) throw bad(key, "is " + v + ", not a finite number");
        return v;
    }

    long longValue(String key, long min, long max) {
        return integral(key, get(key), min, max);
    }

    long integral(String key, JsonElement e, long min, long max) {
        double d = number(key, e, true);
        long v;
        try {
            v = e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw bad(key, "is " + d + ", not a whole number");
        }
        if (v < min || v > max) throw bad(key, "is " + v + ", outside " + min + ".." + max);
        return v;
    }

    int[] intArray(String key, int min, int max, int minLength, int maxLength) {
        JsonArray a = array(key);
        if (a.size() < minLength || a.size() > maxLength) {
            throw bad(key, "has " + a.size() + " entries, expected " + minLength + (maxLength == minLength ? "" : ".." + maxLength));
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (int) integral(key + "[" + i + "]", a.get(i), min, max);
        return out;
    }

    List<String> stringList(String key) {
        JsonArray a = array(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw bad(key + "[" + i + "]", "is not a string");
            out.add(e.getAsString());
        }
        return out;
    }
}
