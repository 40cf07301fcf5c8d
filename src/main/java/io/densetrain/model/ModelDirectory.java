package io.densetrain.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.densetrain.BadInputException;
import io.densetrain.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commit point of a model directory. Every save writes all files of the new state, fsynced, into a
 * new generation folder {@code DIR/gNNNNNN/}; then {@code DIR/current.json} (the manifest: format,
 * generation, and each file's size and SHA-256) is replaced by one atomic rename. Readers open only
 * what the manifest names and check each file's size and digest, so a directory is always the old
 * complete state or the new one: a kill before the rename leaves the old manifest and an unnamed
 * folder, a kill after it leaves the new state. The writer (holding {@link DirectoryLock}) deletes
 * generations and temporary files the manifest does not name, before writing and after committing;
 * readers never delete, since a live writer may be filling the next generation.
 */
public final class ModelDirectory {
    public static final String MANIFEST = "current.json";
    public static final String FORMAT = "densetrain-dir-1";
    /** Files of the layout before the commit point (read for models, removed by the next save). */
    static final List<String> LEGACY = List.of("model.safetensors", "model.json", "checkpoint.safetensors", "checkpoint.json");
    private static final Pattern GENERATION = Pattern.compile("g\\d{6,18}");
    private static final Pattern FILE_NAME = Pattern.compile("[a-z_]{1,40}\\.(json|safetensors)");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One file as the manifest names it. */
    public record Entry(long bytes, String sha256) {
    }

    /** A committed state: its folder and the files it holds. */
    public record Generation(Path dir, String name, Map<String, Entry> files) {
        public Path folder() {
            return dir.resolve(name);
        }

        public Path file(String file) {
            return folder().resolve(file);
        }

        public boolean has(String file) {
            return files.containsKey(file);
        }
    }

    private ModelDirectory() {
    }

    /** Makes {@code files} (name → bytes) the directory's new complete state, in one atomic step. */
    public static Generation commit(Path dir, Map<String, byte[]> files) {
        try (DirectoryLock lock = DirectoryLock.acquire(dir)) {
            Generation old = currentOrNull(dir);
            clean(dir, old == null ? null : old.name());
            String name = String.format("g%06d", nextNumber(dir));
            Path folder = dir.resolve(name);
            Map<String, Entry> entries = new LinkedHashMap<>();
            try {
                Files.createDirectory(folder);
                for (var f : files.entrySet()) {
                    AtomicFiles.writeSynced(folder.resolve(f.getKey()), f.getValue());
                    entries.put(f.getKey(), new Entry(f.getValue().length, sha256(f.getValue())));
                }
                AtomicFiles.forceDirectory(folder);
                AtomicFiles.forceDirectory(dir);
            } catch (IOException e) {
                deleteTree(folder);
                throw new BadInputException(folder + ": cannot write the model (" + e.getMessage() + "); check free space and"
                        + " permissions");
            }
            JsonObject manifest = new JsonObject();
            manifest.addProperty("format", FORMAT);
            manifest.addProperty("generation", name);
            JsonObject list = new JsonObject();
            entries.forEach((file, e) -> {
                JsonObject o = new JsonObject();
                o.addProperty("bytes", e.bytes());
                o.addProperty("sha256", e.sha256());
                list.add(file, o);
            });
            manifest.add("files", list);
            AtomicFiles.writeText(dir.resolve(MANIFEST), new GsonBuilder().setPrettyPrinting().create().toJson(manifest) + "\n");
            clean(dir, name); // the commit is durable; the previous generation and any legacy files go
            return new Generation(dir, name, entries);
        }
    }

    /** The committed state of {@code dir}, or null when it has no manifest (empty, legacy, or not a model directory). */
    public static Generation currentOrNull(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) return null;
        JsonFields m = JsonFields.parse(file, readChecked(file, 1 << 20));
        m.require(m.string("format").equals(FORMAT), "format", "is not " + FORMAT);
        String name = m.string("generation");
        m.require(GENERATION.matcher(name).matches(), "generation", "is not a generation name like g000001");
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : m.object("files").entrySet()) {
            m.require(FILE_NAME.matcher(e.getKey()).matches(), "files", "names '" + e.getKey() + "', not a model file");
            JsonFields f = m.child("files." + e.getKey(), e.getValue());
            long bytes = f.longValue("bytes", 0, Integer.MAX_VALUE - 16L);
            String sha = f.string("sha256");
            f.require(SHA256.matcher(sha).matches(), "sha256", "is not 64 hex digits");
            entries.put(e.getKey(), new Entry(bytes, sha));
        }
        return new Generation(dir, name, entries);
    }

    /**
     * Where the committed {@code file} of {@code dir} lies now (for reading it with other tools, e.g.
     * {@code safetensors.numpy.load_file}): in the generation the manifest names, or directly in DIR for
     * the layout before the commit point. The path is valid until the next save into DIR.
     */
    public static Path committedFile(Path dir, String file) {
        Generation g = currentOrNull(dir);
        return g == null ? dir.resolve(file) : g.file(file);
    }

    /** The bytes of {@code file} in {@code g}, after checking its size and digest against the manifest. */
    public static byte[] read(Generation g, String file) {
        Entry e = g.files().get(file);
        Path path = g.file(file);
        if (e == null) {
            throw new BadInputException(g.dir() + ": the committed state " + g.name() + " has no " + file
                    + "; give a directory written by the matching densetrain command");
        }
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(path + " is missing, though " + g.dir().resolve(MANIFEST) + " names it (generation "
                    + g.name() + "); the directory was changed after it was saved, save or copy the model again");
        }
        byte[] bytes = readChecked(path, e.bytes());
        if (bytes.length != e.bytes()) {
            throw new BadInputException(path + " is truncated or extended: " + bytes.length + " bytes but " + MANIFEST + " says "
                    + e.bytes() + "; the file was changed after it was saved, save or copy the model again");
        }
        if (!sha256(bytes).equals(e.sha256())) {
            throw new BadInputException(path + " does not match its SHA-256 in " + MANIFEST + "; the file was changed or damaged"
                    + " after it was saved, save or copy the model again");
        }
        return bytes;
    }

    /**
     * The bytes of a regular, readable file of at most {@code limit} bytes: pipes, devices and folders are
     * refused by name (reading a pipe would wait forever), as is a file larger than the limit.
     */
    public static byte[] readChecked(Path file, long limit) {
        InputFiles.requireRegularFile(file, "a densetrain model directory");
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new BadInputException(file + " is " + size + " bytes, more than the " + limit + " expected; the file is"
                        + " damaged or not a densetrain file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }

    /** Whether {@code name}, an entry of a model directory, is one densetrain writes there. */
    static boolean ours(String name) {
        return name.equals(MANIFEST) || name.equals(DirectoryLock.FILE) || GENERATION.matcher(name).matches()
                || LEGACY.contains(name) || (name.startsWith(".") && name.endsWith(".tmp"));
    }

    private static long nextNumber(Path dir) {
        long max = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (GENERATION.matcher(n).matches()) max = Math.max(max, Long.parseLong(n.substring(1)));
            }
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list (" + e.getMessage() + ")");
        }
        return max + 1;
    }

    /** Deletes every generation but {@code keep}, temporary files, and (once a manifest exists) the legacy files. */
    private static void clean(Path dir, String keep) {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                boolean stale = (GENERATION.matcher(n).matches() && !n.equals(keep))
                        || (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(p))
                        || (keep != null && LEGACY.contains(n));
                if (stale) deleteTree(p);
            }
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list (" + e.getMessage() + ")");
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // best effort: the next commit tries again
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
