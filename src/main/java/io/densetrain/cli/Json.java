package io.densetrain.cli;

import com.google.gson.GsonBuilder;
import java.util.Map;

/** The one-object JSON output of {@code --json}: non-finite numbers are written as null. */
final class Json {
    private Json() {
    }

    static String write(Map<String, Object> object) {
        return new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create()
                .toJson(sanitize(object));
    }

    @SuppressWarnings("unchecked")
    private static Object sanitize(Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, sanitize(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(Json::sanitize).toList();
        }
        return value;
    }
}
