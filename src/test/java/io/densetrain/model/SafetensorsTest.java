package io.densetrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Hand-made safetensors headers over a 32-byte data area (four doubles 1, 2, 3, 4). */
class SafetensorsTest {
    static byte[] file(String header, long headerLength) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(h);
        for (int i = 1; i <= 4; i++) b.putDouble(i);
        return b.array();
    }

    static byte[] file(String header) {
        return file(header, header.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aWellFormedFileReads() {
        var t = Safetensors.decode(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[16,32]}}"), Path.of("t.safetensors"));
        assertArrayEquals(new double[] {3, 4}, t.get("b").values(), 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // NegativeArraySizeException before
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,0]},\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,32]}}|ends before it begins",
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[-16,0]},\"b\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[0,32]}}|field 'a.data_offsets[0]' is -16",
        // overlapping: b reads a's bytes again
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[0,32]},\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}|(overlapping)",
        // a gap: 16 bytes nobody owns
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,32]}}|(a gap)",
        // the shape does not match the byte range
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,32]}}|cover 32 bytes but the shape needs 24",
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[-4],\"data_offsets\":[0,32]}}|field 'a.shape[0]' is -4",
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,32]}}|field 'a.shape[0]' is 4294967296",
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[0,64]}}|truncated",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[0,32]}}|is F32; densetrain models are F64",
        "{\"a\":{\"shape\":[4],\"data_offsets\":[0,32]}}|field 'a.dtype' is missing",
        "{\"a\":[1,2]}|field 'a' is not an object",
        "[1,2]|not a JSON object",
    })
    void lyingHeadersAreOneLine(String header, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> Safetensors.decode(file(header), Path.of("t.safetensors")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.safetensors"), e.getMessage());
    }

    @Test
    void aHeaderLengthThatPointsOutsideTheFileIsRefused() {
        String h = "{\"a\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[0,32]}}";
        assertTrue(assertThrows(BadInputException.class, () -> Safetensors.decode(file(h, -8), Path.of("t")))
                .getMessage().contains("header length -8 is impossible"));
        assertTrue(assertThrows(BadInputException.class, () -> Safetensors.decode(file(h, 1L << 50), Path.of("t")))
                .getMessage().contains("impossible"));
        assertTrue(assertThrows(BadInputException.class, () -> Safetensors.decode(file(h, 4000), Path.of("t")))
                .getMessage().contains("truncated"));
        // a header length shorter than the JSON: the rest of the header would be read as weights before
        assertTrue(assertThrows(BadInputException.class, () -> Safetensors.decode(file(h, 20), Path.of("t")))
                .getMessage().contains("not valid JSON"));
    }
}
