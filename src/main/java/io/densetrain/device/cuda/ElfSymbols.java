package io.densetrain.device.cuda;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dynamic symbols of a 64-bit little-endian ELF shared object ({@code .dynsym} and its string
 * table, read without loading the file): what it defines and what it needs. Used to check, before a JNI
 * library is loaded, that the NVIDIA library it binds to defines every function it calls: with lazy
 * binding a missing one is not an error at load time but kills the JVM at the first call
 * ("symbol lookup error"), as a stand-in or a library of another version would.
 */
final class ElfSymbols {
    private static final int SHT_DYNSYM = 11;

    /** Defined and undefined (needed) symbol names. */
    record Table(Set<String> defined, Set<String> undefined) {
    }

    private ElfSymbols() {
    }

    /** The table of {@code file}, or null when it is not a 64-bit little-endian ELF with section headers. */
    static Table read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = read(ch, 0, 64);
            if (h.getInt(0) != 0x464c457f || h.get(4) != 2 || h.get(5) != 1) return null; // \x7fELF, 64-bit, little-endian
            long shoff = h.getLong(0x28);
            int shentsize = Short.toUnsignedInt(h.getShort(0x3a)), shnum = Short.toUnsignedInt(h.getShort(0x3c));
            if (shoff == 0 || shnum == 0 || shentsize < 64) return null;
            ByteBuffer sh = read(ch, shoff, (long) shentsize * shnum);
            for (int i = 0; i < shnum; i++) {
                int base = i * shentsize;
                if (sh.getInt(base + 4) != SHT_DYNSYM) continue;
                long symOff = sh.getLong(base + 0x18), symSize = sh.getLong(base + 0x20), entSize = sh.getLong(base + 0x38);
                int link = sh.getInt(base + 0x28);
                if (entSize < 24 || link < 0 || link >= shnum) return null;
                int strBase = link * shentsize;
                ByteBuffer strings = read(ch, sh.getLong(strBase + 0x18), sh.getLong(strBase + 0x20));
                ByteBuffer syms = read(ch, symOff, symSize);
                Set<String> defined = new TreeSet<>(), undefined = new TreeSet<>();
                for (long s = entSize; s + 24 <= symSize; s += entSize) { // entry 0 is the null symbol
                    int p = (int) s;
                    String name = cString(strings, syms.getInt(p));
                    if (name.isEmpty()) continue;
                    (syms.getShort(p + 6) == 0 ? undefined : defined).add(name);
                }
                return new Table(defined, undefined);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or malformed: unknown, the loader will judge
        }
    }

    /**
     * The functions starting with {@code prefix} that {@code user} needs and {@code provider} does not
     * define, e.g. the cuRAND calls of JCurand's JNI library missing from a libcurand.so.10; empty
     * when none is missing, null when either file cannot be read as ELF.
     */
    static Set<String> missing(Path user, Path provider, String prefix) {
        Table u = read(user), p = read(provider);
        if (u == null || p == null) return null;
        Set<String> out = new TreeSet<>();
        for (String name : u.undefined()) {
            if (name.startsWith(prefix) && !p.defined().contains(name)) out.add(name);
        }
        return out;
    }

    private static ByteBuffer read(FileChannel ch, long offset, long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE || offset < 0 || offset + length > ch.size()) {
            throw new IOException("section outside the file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) throw new IOException("short file");
        }
        return b.flip();
    }

    private static String cString(ByteBuffer strings, int offset) {
        if (offset < 0 || offset >= strings.limit()) return "";
        int end = offset;
        while (end < strings.limit() && strings.get(end) != 0) end++;
        byte[] bytes = new byte[end - offset];
        strings.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
