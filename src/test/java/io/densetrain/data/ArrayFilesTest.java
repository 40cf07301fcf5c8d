package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX, NPY and NPZ files written by numpy itself ({@code make_numpy_fixtures.py} beside them): values,
 * feature order, byte orders, Fortran order, dtypes, npz keys, and one error line for every bad file.
 */
class ArrayFilesTest {
    static final Path FIXTURES = Path.of("src/test/resources/arrays");

    @TempDir
    Path dir;

    /** The fixtures' pixel (j, r, c) = (50·j + 10·r + 2·c) mod 256. */
    static int pixel(int j, int r, int c) {
        return (50 * j + 10 * r + 2 * c) % 256;
    }

    /** Every value of a (3, 4, 5) fixture in numpy's x.reshape(3, -1).T order, divided by {@code scale}. */
    static void assertPixels(Dataset d, double scale) {
        assertEquals(3, d.size());
        assertEquals(20, d.featureCount());
        for (int j = 0; j < 3; j++)
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 5; c++) assertEquals(pixel(j, r, c) / scale, d.feature(j, r * 5 + c), 0, "pixel " + j + "," + r + "," + c);
    }

    static Path f(String name) {
        return FIXTURES.resolve(name);
    }

    @Test
    void npyPairsInEveryByteOrderLayoutAndDtype() {
        // numpy: x.reshape(3, -1)[1, :6] = 50 52 54 56 58 60
        ArrayFiles.Part u1 = ArrayFiles.read(f("x_u1.npy"), f("y_i8.npy"), "train", null, null);
        assertEquals(new ImageShape(4, 5, 1), u1.shape());
        assertArrayEquals(new double[] {50 / 255.0, 52 / 255.0, 54 / 255.0, 56 / 255.0, 58 / 255.0, 60 / 255.0},
                Arrays.copyOfRange(u1.data().features(), 20, 26), 0);
        assertPixels(u1.data(), 255);
        assertArrayEquals(new int[] {0, 1, 1}, u1.data().labels());
        // float and other integer types are taken as they are (only uint8 is divided by 255)
        assertPixels(ArrayFiles.read(f("x_f8_be_f.npy"), f("y_u1_2d.npy"), "train", null, null).data(), 1); // >f8, Fortran order
        assertPixels(ArrayFiles.read(f("x_i2_be.npy"), f("y_bool.npy"), "train", null, null).data(), 1);   // >i2
        assertPixels(ArrayFiles.read(f("x_f2.npy"), f("y_f8.npy"), "train", null, null).data(), 1);        // float16
        assertPixels(ArrayFiles.read(f("x_v2.npy"), f("y_i8.npy"), "train", null, null).data(), 255);     // format 2.0
        assertPixels(ArrayFiles.read(f("x_v3.npy"), f("y_i8.npy"), "train", null, null).data(), 255);     // format 3.0
        ArrayFiles.Part flat = ArrayFiles.read(f("x_f4_2d.npy"), f("y_i8.npy"), "train", null, null);      // (3, 20) float32
        assertNull(flat.shape());
        assertEquals("x0", flat.data().featureNames().get(0));
        assertPixels(flat.data(), 1);
        for (String y : new String[] {"y_u1_2d.npy", "y_bool.npy", "y_f8.npy"}) {
            assertArrayEquals(new int[] {0, 1, 1}, ArrayFiles.read(f("x_u1.npy"), f(y), "train", null, null).data().labels(), y);
        }
    }

    @Test
    void rgbArraysKeepNumpysPixelThenChannelOrder() {
        ArrayFiles.Part rgb = ArrayFiles.read(f("x_u1_rgb.npy"), f("y_i8.npy"), "train", null, null);
        assertEquals(new ImageShape(4, 5, 3), rgb.shape());
        for (int j = 0; j < 3; j++)
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 5; c++)
                    for (int ch = 0; ch < 3; ch++)
                        assertEquals(((pixel(j, r, c) + ch) % 256) / 255.0, rgb.data().feature(j, (r * 5 + c) * 3 + ch), 0);
    }

    @Test
    void idxRawAndGzipped() {
        ArrayFiles.Part idx = ArrayFiles.read(f("tiny-images-idx3-ubyte"), f("tiny-labels-idx1-ubyte.gz"), "train", null, null);
        assertEquals(new ImageShape(4, 5, 1), idx.shape());
        assertPixels(idx.data(), 255);
        assertArrayEquals(new int[] {0, 1, 1}, idx.data().labels());
        assertEquals(ArrayFiles.Format.IDX, ArrayFiles.format(Path.of("t10k-images.idx3-ubyte")));
        assertEquals(ArrayFiles.Format.IDX, ArrayFiles.format(Path.of("train-labels-idx1-ubyte.gz")));
        assertEquals(ArrayFiles.Format.NPZ, ArrayFiles.format(Path.of("mnist.npz")));
        assertNull(ArrayFiles.format(Path.of("train.csv")));
    }

    @Test
    void npzTrainAndTestFromKerasKeysStoredAndDeflated() {
        ImageSplit split = ArrayFiles.load(f("mnist_like.npz"), null, null, null, null, null); // np.savez: stored entries
        assertPixels(split.train(), 255);
        assertEquals(new ImageShape(4, 5, 1), split.shape());
        assertEquals(2, split.test().size()); // x_test = x[:2] + 1
        assertArrayEquals(new int[] {1, 0}, split.test().labels());
        assertEquals((pixel(1, 3, 4) + 1) / 255.0, split.test().feature(1, 19), 0);
        // np.savez_compressed (deflated) with other names: --x-key / --y-key
        ArrayFiles.Part keys = ArrayFiles.read(f("keys.npz"), null, "train", "images", "targets");
        assertPixels(keys.data(), 1);
        assertArrayEquals(new int[] {2, 0, 1}, keys.data().labels());
        // two arrays only: X and its label vector are found without keys
        assertArrayEquals(new int[] {2, 0, 1}, ArrayFiles.read(f("keys.npz"), null, "train", null, null).data().labels());
        // predict: x_test by default
        assertEquals(2, ArrayFiles.readFeatures(f("mnist_like.npz"), null).data().size());
    }

    @Test
    void numpysOwnOutputFromEveryInstalledNumpy() throws Exception {
        int ran = 0;
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            Path out = dir.resolve("np" + ran);
            Process p;
            try {
                p = new ProcessBuilder(python, FIXTURES.resolve("make_numpy_fixtures.py").toString(), out.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                continue;
            }
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                if (log.contains("No module named")) continue; // that python has no numpy
                throw new AssertionError(python + " make_numpy_fixtures.py failed: " + log);
            }
            ran++;
            System.out.println(python + ": " + log.trim());
            assertPixels(ArrayFiles.read(out.resolve("x_f8_be_f.npy"), out.resolve("y_bool.npy"), "train", null, null).data(), 1);
            assertPixels(ArrayFiles.read(out.resolve("x_f2.npy"), out.resolve("y_i8.npy"), "train", null, null).data(), 1);
            assertPixels(ArrayFiles.load(out.resolve("mnist_like.npz"), null, null, null, null, null).train(), 255);
            assertPixels(ArrayFiles.read(out.resolve("keys.npz"), null, "train", "images", "targets").data(), 1);
            assertPixels(ArrayFiles.read(out.resolve("tiny-images-idx3-ubyte"), out.resolve("tiny-labels-idx1-ubyte.gz"), "train",
                    null, null).data(), 255);
            assertThrows(BadInputException.class, () -> ArrayFiles.read(out.resolve("pickled.npy"), out.resolve("y_i8.npy"), "train", null, null));
        }
        Assumptions.assumeTrue(ran > 0, "no python3 with numpy here: the committed fixtures are still checked by the other tests");
    }

    /** The message of the BadInputException {@code r} throws, checked to be one line. */
    private static String error(Runnable r) {
        String message = assertThrows(BadInputException.class, r::run).getMessage();
        assertEquals(1, message.lines().count(), message);
        return message;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void badFilesGetOneLineNamingTheFileAndTheFix() throws IOException {
        byte[] images = Files.readAllBytes(f("tiny-images-idx3-ubyte"));
        String m;
        // wrong magic
        Path png = write("bad-images-idx3-ubyte", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        m = error(() -> ArrayFiles.read(png, f("tiny-labels-idx1-ubyte.gz"), "train", null, null));
        assertTrue(m.startsWith(png + ": not an IDX file (it starts with 89 50 4e 47"), m);
        // truncated
        Path cut = write("cut-images-idx3-ubyte", Arrays.copyOf(images, images.length - 7));
        m = error(() -> ArrayFiles.read(cut, f("tiny-labels-idx1-ubyte.gz"), "train", null, null));
        assertTrue(m.contains(cut + ": truncated: the IDX header declares (3, 4, 5) uint8 (60 bytes) but only 53 bytes follow"), m);
        // a dimension of 4,000,000,000: unsigned in IDX, too large for an axis
        byte[] huge = images.clone();
        java.nio.ByteBuffer.wrap(huge).putInt(4, (int) 4_000_000_000L);
        Path hugeFile = write("huge-images-idx3-ubyte", huge);
        m = error(() -> IdxLoader.read(hugeFile));
        assertTrue(m.startsWith(hugeFile + ": the IDX header declares a dimension of 4000000000"), m);
        // bytes beyond the header's count
        Path longer = write("long-images-idx3-ubyte", Arrays.copyOf(images, images.length + 4));
        assertTrue(error(() -> IdxLoader.read(longer)).contains("4 bytes more than the IDX header's"));
        // a truncated gzip stream
        byte[] gz = Files.readAllBytes(f("tiny-labels-idx1-ubyte.gz"));
        Path cutGz = write("cut-labels-idx1-ubyte.gz", Arrays.copyOf(gz, gz.length - 12));
        assertTrue(error(() -> IdxLoader.read(cutGz)).startsWith(cutGz + ": truncated or damaged gzip stream"));
        // counts that disagree: 3 images, 2 labels
        m = error(() -> ArrayFiles.read(f("x_u1.npy"), f("x_u1.npy"), "train", null, null));
        assertTrue(m.contains("must be a vector (m,), (m, 1) or (1, m)"), m);
        Path twoLabels = dir.resolve("y2.npy"); // y_i8.npy with shape (2,) and its first two labels
        byte[] y = Files.readAllBytes(f("y_i8.npy"));
        String header = new String(y, 10, y.length - 10 - 24, java.nio.charset.StandardCharsets.ISO_8859_1).replace("(3,)", "(2,)");
        byte[] y2 = new byte[10 + header.length() + 16];
        System.arraycopy(y, 0, y2, 0, 10);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, y2, 10, header.length());
        Files.write(twoLabels, y2);
        m = error(() -> ArrayFiles.read(f("x_u1.npy"), twoLabels, "train", null, null));
        assertTrue(m.contains("3 examples but 2 labels"), m);
        // pickled object array, by name
        m = error(() -> ArrayFiles.read(f("pickled.npy"), f("y_i8.npy"), "train", null, null));
        assertTrue(m.startsWith(f("pickled.npy") + ": holds a pickled object array (dtype object); densetrain never unpickles"), m);
        // unsupported dtype
        m = error(() -> ArrayFiles.read(f("strings.npy"), f("y_i8.npy"), "train", null, null));
        assertTrue(m.startsWith(f("strings.npy") + ": unsupported dtype '<U3'"), m);
        // a truncated .npy and a file that is not one
        byte[] x = Files.readAllBytes(f("x_u1.npy"));
        Path cutNpy = write("cut.npy", Arrays.copyOf(x, x.length - 5));
        assertTrue(error(() -> NpyLoader.read(cutNpy)).contains(": truncated: the header declares (3, 4, 5) uint8 (60 bytes) but only 55 follow"));
        Path notNpy = write("text.npy", "a,b\n1,2\n".getBytes());
        assertTrue(error(() -> NpyLoader.read(notNpy)).startsWith(notNpy + ": not an .npy file"));
        // npz: not a zip, truncated zip, missing keys, labels flag given to an npz
        Path notZip = write("x.npz", x);
        assertTrue(error(() -> ArrayFiles.read(notZip, null, "train", null, null)).startsWith(notZip + ": not a readable .npz (zip) archive"));
        byte[] npz = Files.readAllBytes(f("mnist_like.npz"));
        Path cutZip = write("cut.npz", Arrays.copyOf(npz, npz.length / 2));
        assertTrue(error(() -> ArrayFiles.read(cutZip, null, "train", null, null)).startsWith(cutZip + ": not a readable .npz"));
        m = error(() -> ArrayFiles.read(f("mnist_like.npz"), null, "train", "images", "y_train"));
        assertTrue(m.contains("no array 'images'; it has x_train, y_train, x_test, y_test; pass one of them to xKey (--x-key)"), m);
        m = error(() -> ArrayFiles.read(f("mnist_like.npz"), f("y_i8.npy"), "train", null, null));
        assertTrue(m.contains("trainLabels (--train-labels) is for IDX and .npy images"), m);
        // images without labels
        m = error(() -> ArrayFiles.read(f("tiny-images-idx3-ubyte"), null, "dev", null, null));
        assertTrue(m.contains("holds only the examples; give their labels with devLabels (--dev-labels) FILE"), m);
        // a test set of another shape
        m = error(() -> ArrayFiles.load(f("x_u1.npy"), f("y_i8.npy"), f("x_u1_rgb.npy"), f("y_i8.npy"), null, null));
        assertTrue(m.startsWith(f("x_u1_rgb.npy") + ": examples of 4x5x3 images but " + f("x_u1.npy") + " has 4x5 images"), m);
    }

    @Test
    void aFlippedByteInAnNpzEntryIsRefusedByItsCrcAsNumpyRefusesIt() throws IOException {
        byte[] npz = Files.readAllBytes(f("mnist_like.npz")); // np.savez: x_train.npy stored at 61..249, its last pixel at 248
        assertEquals(ImageSplit.class, ArrayFiles.load(f("mnist_like.npz"), null, null, null, null, null).getClass());
        npz[248] ^= 0x10;
        Path flipped = write("flipped.npz", npz);
        String m = error(() -> ArrayFiles.read(flipped, null, "train", null, null));
        assertTrue(m.startsWith(flipped + ":x_train: damaged archive entry (CRC-32 "), m);
        assertTrue(m.endsWith("); write the .npz again with numpy.savez"), m);
    }

    @Test
    void aLabelBeyondAMillionIsDamageNamedByFileNotAnOutputLayerOfABillionUnits() throws IOException {
        // y_i8.npy (labels 0, 1, 1 as <i8) with its first label's bit 30 flipped: 1073741824
        byte[] y = Files.readAllBytes(f("y_i8.npy"));
        y[y.length - 24 + 3] ^= 0x40;
        Path flipped = write("flipped-y.npy", y);
        String m = error(() -> ArrayFiles.read(f("x_u1.npy"), flipped, "train", null, null));
        assertEquals(flipped + ": label 1073741824 at example 1 is not a class index; labels must be integers 0..K-1"
                + " (at most 1000000)", m);
    }

    /** An .npy 2.0 file with {@code header} (padded to numpy's 64-byte alignment) and no data. */
    private static byte[] npy2(String header) {
        byte[] h = (header + " ".repeat(63 - (header.length() + 12) % 64) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + h.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(h.length).put(h);
        return b.array();
    }

    @Test
    void aHeaderOfMegabytesIsQuotedInEightyCharactersNotEchoedWhole() {
        String quotes = "'".repeat(1_000_000), parens = "(".repeat(500_000) + ")".repeat(500_000);
        String[][] cases = {
            {"{'descr': '<f8', 'fortran_order': False, 'sha': " + quotes + "}", "the .npy header '"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': " + parens + ", }", "the .npy shape ("},
            {"{'descr': '<f" + "8".repeat(1_000_000) + "', 'fortran_order': False, 'shape': (2,), }", "unsupported dtype '"}};
        for (String[] c : cases) {
            String m = error(() -> NpyLoader.parse("big.npy", npy2(c[0])));
            assertTrue(m.startsWith("big.npy: " + c[1]), m.substring(0, Math.min(m.length(), 300)));
            assertTrue(m.length() < 400, m.length() + " characters: " + m.substring(0, Math.min(m.length(), 300)));
            assertTrue(m.contains("characters)"), m);
        }
    }

    @Test
    void halfPrecisionAndUnsignedConversions() {
        assertEquals(1.0f, NdArray.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, NdArray.halfToFloat((short) 0xC000));
        assertEquals(65504f, NdArray.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, NdArray.halfToFloat((short) 0x0001));
        assertTrue(Float.isInfinite(NdArray.halfToFloat((short) 0x7C00)));
        var buf = java.nio.ByteBuffer.allocate(8).putLong(-1L).flip();
        assertEquals(18446744073709551615.0, NdArray.decode(buf, 'u', 8, 1)[0], 0);
        // Fortran (3, 2) [[1,2],[3,4],[5,6]] is stored 1 3 5 2 4 6
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, NdArray.fortranToC(new double[] {1, 3, 5, 2, 4, 6}, new int[] {3, 2}), 0);
    }
}
