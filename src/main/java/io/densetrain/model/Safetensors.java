package io.densetrain.model;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.densetrain.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
final class Safetensors {
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

    /**
     * The tensors in {@code bytes} (read from {@code file}), validated before anything is allocated: the
     * header length inside the file, the header a JSON object, each tensor F64 with a shape of
     * non-negative sizes whose product (in long) is 8× its byte range, and the ranges inside the data
     * area, in order, neither overlapping nor leaving gaps (as the safetensors specification requires).
     */
    public static Map<String, Tensor> decode(byte[] bytes, Path file) {
        if (bytes.length < 8) {
            throw truncated(file, bytes.length, 8);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8L) {
            throw headerLength < 0 || headerLength > (1L << 40)
                    ? new BadInputException(file + ": the safetensors header length " + headerLength + " is impossible; the file"
                            + " is damaged or not a safetensors file")
                    : truncated(file, bytes.length, headerLength + 8);
        }
        JsonFields header = JsonFields.parse(file, java.util.Arrays.copyOfRange(bytes, 8, (int) (8 + headerLength)));
        long dataStart = 8 + headerLength;
        long dataLength = bytes.length - dataStart;
        record Range(String name, long[] shape, long begin, long end) {
        }
        List<Range> ranges = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.raw().entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                header.object("__metadata__");
                continue;
            }
            JsonFields t = header.child(e.getKey(), e.getValue());
            String dtype = t.string("dtype");
            if (!"F64".equals(dtype)) {
                throw new BadInputException(file + ": tensor " + e.getKey() + " is " + dtype + "; densetrain models are F64");
            }
            var shapeArray = t.array("shape");
            long[] shape = new long[shapeArray.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.integral("shape[" + i + "]", shapeArray.get(i), 0, Integer.MAX_VALUE);
                count = count > Integer.MAX_VALUE ? count : count * shape[i];
            }
            t.require(count <= Integer.MAX_VALUE / 8, "shape", "holds " + count + " values, more than one tensor can");
            var offsets = t.array("data_offsets");
            t.require(offsets.size() == 2, "data_offsets", "is not [begin, end]");
            long begin = t.integral("data_offsets[0]", offsets.get(0), 0, Long.MAX_VALUE);
            long end = t.integral("data_offsets[1]", offsets.get(1), 0, Long.MAX_VALUE);
            t.require(begin <= end, "data_offsets", "ends before it begins");
            if (end > dataLength) {
                throw truncated(file, bytes.length, dataStart + end);
            }
            t.require(end - begin == 8 * count, "data_offsets", "cover " + (end - begin) + " bytes but the shape needs " + 8 * count);
            ranges.add(new Range(e.getKey(), shape, begin, end));
        }
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparingLong(Range::begin).thenComparingLong(Range::end));
        long at = 0;
        for (Range r : sorted) {
            if (r.begin() != at) {
                throw new BadInputException(file + ": tensor " + r.name() + " starts at byte " + r.begin() + " of the data but the"
                        + " previous tensor ends at " + at + " (" + (r.begin() < at ? "overlapping" : "a gap")
                        + "); the file is damaged, save the model again");
            }
            at = r.end();
        }
        if (at != dataLength) {
            throw new BadInputException(file + ": " + (dataLength - at) + " bytes after the last tensor; the file is damaged,"
                    + " save the model again");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Range r : ranges) {
            double[] values = new double[(int) ((r.end() - r.begin()) / 8)];
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (dataStart + r.begin()), (int) (r.end() - r.begin()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) values[i] = data.getDouble();
            out.put(r.name(), new Tensor(r.shape(), values));
        }
        return out;
    }

    private static BadInputException truncated(Path file, long size, long needed) {
        return new BadInputException(file + " is truncated: " + size + " bytes but the header needs " + needed
                + "; the file was cut off, save or copy the model again");
    }
}
