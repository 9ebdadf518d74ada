package org.lectern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lectern.Tensor;

class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file: 0, 0, type, rank, the dims big-endian, then payload (gzipped when the name ends in .gz). */
    static Path write(Path file, int type, int[] dims, byte[] payload) throws IOException {
        var header = ByteBuffer.allocate(4 + 4 * dims.length);
        header.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) header.putInt(d);
        return writeBytes(file, concat(header.array(), payload));
    }

    static Path writeBytes(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Two 2×3 "images" with bytes 0, 1, …, 5 and 250, …, 255 (above 127, to check they read as unsigned). */
    static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, (byte) 250, (byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255};

    @Test
    void readsUnsignedBytesInTheirShape() throws IOException {
        for (String name : new String[] {"images-idx3-ubyte", "images-idx3-ubyte.gz"}) {
            Tensor t = Idx.read(write(dir.resolve(name), 0x08, new int[] {2, 2, 3}, PIXELS));
            assertArrayEquals(new int[] {2, 2, 3}, t.shape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255}, t.toArray());
        }
    }

    @Test
    void aLimitReadsOnlyTheFirstEntries() throws IOException {
        Path file = write(dir.resolve("x.gz"), 0x08, new int[] {2, 2, 3}, PIXELS);
        Tensor first = Idx.read(file, 1);
        assertArrayEquals(new int[] {1, 2, 3}, first.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, first.toArray());
        assertArrayEquals(new int[] {2, 2, 3}, Idx.read(file, 100).shape());
    }

    @Test
    void scalingDividesWhileConverting() throws IOException {
        Tensor t = Idx.read(write(dir.resolve("x"), 0x08, new int[] {12}, PIXELS), -1, 255f);
        assertArrayEquals(new float[] {0, 1 / 255f, 2 / 255f}, Arrays.copyOf(t.toArray(), 3));
        assertArrayEquals(new float[] {1f}, Arrays.copyOfRange(t.toArray(), 11, 12));
    }

    @Test
    void readsTheWiderTypesBigEndian() throws IOException {
        var ints = ByteBuffer.allocate(12).putInt(-7).putInt(70000).putInt(3).array();
        assertArrayEquals(new float[] {-7, 70000, 3}, Idx.read(write(dir.resolve("i"), 0x0C, new int[] {3}, ints)).toArray());
        var floats = ByteBuffer.allocate(8).putFloat(0.5f).putFloat(-2.25f).array();
        assertArrayEquals(new float[] {0.5f, -2.25f}, Idx.read(write(dir.resolve("f"), 0x0D, new int[] {2}, floats)).toArray());
        var shorts = ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 300).array();
        assertArrayEquals(new float[] {-300, 300}, Idx.read(write(dir.resolve("s"), 0x0B, new int[] {2}, shorts)).toArray());
        assertArrayEquals(new float[] {-6, 5}, Idx.read(write(dir.resolve("b"), 0x09, new int[] {2}, new byte[] {-6, 5})).toArray());
    }

    /** The message starts with the file, so a notebook user knows which download to redo. */
    static String failure(Path file) {
        var e = assertThrows(UncheckedIOException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aTruncatedFileSaysHowMuchIsMissing() throws IOException {
        byte[] short7 = Arrays.copyOf(PIXELS, 7);
        String raw = failure(write(dir.resolve("cut"), 0x08, new int[] {2, 2, 3}, short7));
        assertTrue(raw.contains("truncated") && raw.contains("12 bytes") && raw.contains("only 7"), raw);
        String gz = failure(write(dir.resolve("cut.gz"), 0x08, new int[] {2, 2, 3}, short7));
        assertTrue(gz.contains("truncated"), gz);
    }

    @Test
    void aGzipStreamCutShortIsReported() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(concat(new byte[] {0, 0, 8, 1, 0, 0, 0x10, 0}, new byte[4096]));
        }
        byte[] whole = bytes.toByteArray();
        // Named without .gz so that writeBytes stores the cut stream as is: gzip is recognised by content.
        String msg = failure(writeBytes(dir.resolve("broken-download"), Arrays.copyOf(whole, whole.length / 2)));
        assertTrue(msg.contains("cannot be read"), msg);
    }

    @Test
    void aHeaderCutShortIsReported() throws IOException {
        String msg = failure(writeBytes(dir.resolve("head"), new byte[] {0, 0, 8, 3, 0, 0, 0, 2}));
        assertTrue(msg.contains("ends inside the header"), msg);
    }

    @Test
    void aBadMagicNumberIsReported() throws IOException {
        String msg = failure(writeBytes(dir.resolve("not-idx.gz"), "<html>404 Not Found</html>".getBytes()));
        assertTrue(msg.contains("bad magic number 0x3C68746D"), msg);
        msg = failure(write(dir.resolve("type"), 0x42, new int[] {1}, new byte[1]));
        assertTrue(msg.contains("unknown type byte 0x42"), msg);
    }

    @Test
    void dimsThatDoNotMatchTheDataAreReported() throws IOException {
        String more = failure(write(dir.resolve("more"), 0x08, new int[] {2, 5}, PIXELS));
        assertTrue(more.contains("more data than the header's shape [2, 5]"), more);
        String impossible = failure(write(dir.resolve("neg"), 0x08, new int[] {-1}, PIXELS));
        assertTrue(impossible.contains("impossible size 4294967295"), impossible);
        String none = failure(write(dir.resolve("zero"), 0x08, new int[0], PIXELS));
        assertTrue(none.contains("0 dimensions"), none);
    }

    @Test
    void aMissingFileIsNamed() {
        String msg = failure(dir.resolve("nothing-here.gz"));
        assertTrue(msg.contains("no such file"), msg);
    }
}
