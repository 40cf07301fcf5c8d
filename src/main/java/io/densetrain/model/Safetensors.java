package io.densetrain.model;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (huggingface/safetensors), float64 only: an 8-byte little-endian header
 * length N, N bytes of JSON {@code {"name": {"dtype": "F64", "shape": [..], "data_offsets": [begin,
 * end]}, "__metadata__": {..}}} padded with spaces to a multiple of 8, then the tensors' bytes,
 * row-major, little-endian. The format is 30 lines to write and read, and there is no maintained Java
 * library for it on Maven Central, so it is done here; numpy/PyTorch read the files with
 * {@code safetensors.numpy.load_file}.
 */
public final class Safetensors {
    /** A row-major float64 tensor. */
    public record Tensor(long[] shape, double[] values) {
        public Tensor {
            long n = 1;
            for (long s : shape) n *= s;
            if (n != values.length) {
                throw new IllegalArgumentException("shape holds " + n + " values, given " + values.length);
            }
        }
    }

    private Safetensors() {
    }

    /** The file's bytes for these tensors (insertion order) and metadata. */
    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "F64");
            t.add("shape", new Gson().toJsonTree(e.getValue().shape()));
            long end = offset + 8L * e.getValue().values().length;
            t.add("data_offsets", new Gson().toJsonTree(new long[] {offset, end}));
            header.add(e.getKey(), t);
            offset = end;
        }
        header.add("__metadata__", new Gson().toJsonTree(metadata));
        StringBuilder json = new StringBuilder(header.toString());
        while (json.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) json.append(' ');
        byte[] head = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(8 + head.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(head.length).put(head);
        for (Tensor t : tensors.values()) {
            for (double v : t.values()) buffer.putDouble(v);
        }
        return buffer.array();
    }

    /** The tensors of {@code file}; a truncated or malformed file is one clear input error. */
    public static Map<String, Tensor> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file; give a model directory written by train --save");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw truncated(file, bytes.length, 8);
        }
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw truncated(file, bytes.length, headerLength + 8);
        }
        JsonObject header;
        try {
            header = JsonParser.parseString(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": the safetensors header is not valid JSON; the file is damaged, save the model again");
        }
        long dataStart = 8 + headerLength;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) continue;
            JsonObject t = e.getValue().getAsJsonObject();
            if (!"F64".equals(t.get("dtype").getAsString())) {
                throw new BadInputException(file + ": tensor " + e.getKey() + " is " + t.get("dtype").getAsString()
                        + "; densetrain models are F64");
            }
            List<Long> shape = new ArrayList<>();
            t.getAsJsonArray("shape").forEach(s -> shape.add(s.getAsLong()));
            long begin = t.getAsJsonArray("data_offsets").get(0).getAsLong();
            long end = t.getAsJsonArray("data_offsets").get(1).getAsLong();
            if (dataStart + end > bytes.length) {
                throw truncated(file, bytes.length, dataStart + end);
            }
            double[] values = new double[(int) ((end - begin) / 8)];
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) values[i] = data.getDouble();
            try {
                out.put(e.getKey(), new Tensor(shape.stream().mapToLong(Long::longValue).toArray(), values));
            } catch (IllegalArgumentException bad) {
                throw new BadInputException(file + ": tensor " + e.getKey() + " " + bad.getMessage() + "; the file is damaged");
            }
        }
        return out;
    }

    private static BadInputException truncated(Path file, long size, long needed) {
        return new BadInputException(file + " is truncated: " + size + " bytes but the header needs " + needed
                + "; the file was cut off, save or copy the model again");
    }
}
