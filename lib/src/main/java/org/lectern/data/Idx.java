package org.lectern.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.lectern.Tensor;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: two zero bytes, a type byte, the number of
 * dimensions, each dimension as a big-endian 32-bit integer, then the values in row-major order.
 * Gzipped files are recognised by their first bytes, whatever their name.
 *
 * <pre>{@code
 * Tensor labels = Idx.read(Path.of("train-labels-idx1-ubyte.gz"));   // shape [60000], values 0..9
 * }</pre>
 *
 * <p>Every problem with a file (missing, truncated, a header that does not describe the data) is an
 * {@link UncheckedIOException} whose message starts with the file's path.
 */
public final class Idx {
    private Idx() {}

    private static final int BUFFER = 1 << 16;

    /** The element types of the format: type byte, bytes per value, name. */
    private enum Type {
        UBYTE(0x08, 1, "unsigned byte"), BYTE(0x09, 1, "signed byte"), SHORT(0x0B, 2, "short"),
        INT(0x0C, 4, "int"), FLOAT(0x0D, 4, "float"), DOUBLE(0x0E, 8, "double");

        final int code, bytes;
        final String label;

        Type(int code, int bytes, String label) {
            this.code = code;
            this.bytes = bytes;
            this.label = label;
        }

        static Type of(int code) {
            for (Type t : values()) if (t.code == code) return t;
            return null;
        }
    }

    /** All values of the file as a float tensor of the file's shape. */
    public static Tensor read(Path file) {
        return read(file, -1, 1f);
    }

    /** Only the first limit entries along the first dimension (all when the file has fewer). */
    public static Tensor read(Path file, int limit) {
        if (limit < 0) throw new IllegalArgumentException("Idx.read: limit must be non-negative, got " + limit);
        return read(file, limit, 1f);
    }

    /**
     * The values divided by divisor, converted in one pass (Fashion-MNIST's /255 costs nothing extra).
     * limit < 0 reads everything and also checks that nothing follows the data.
     */
    static Tensor read(Path file, int limit, float divisor) {
        try (InputStream in = open(file)) {
            byte[] head = readFully(in, file, 4, "the 4-byte magic number");
            if (head[0] != 0 || head[1] != 0) {
                throw corrupt(file, String.format("bad magic number 0x%02X%02X%02X%02X: an IDX file starts with two zero bytes",
                        head[0], head[1], head[2], head[3]));
            }
            Type type = Type.of(head[2] & 0xFF);
            if (type == null) throw corrupt(file, String.format("unknown type byte 0x%02X in the magic number", head[2]));
            int rank = head[3] & 0xFF;
            if (rank == 0) throw corrupt(file, "the header declares 0 dimensions");
            ByteBuffer dimBytes = ByteBuffer.wrap(readFully(in, file, 4 * rank, rank + " dimension sizes"));
            int[] shape = new int[rank];
            long count = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = dimBytes.getInt();
                if (shape[d] < 0) throw corrupt(file, "dimension " + d + " has the impossible size " + Integer.toUnsignedString(shape[d]));
                count *= shape[d];
                if (count > Integer.MAX_VALUE - 8) throw corrupt(file, "shape " + Arrays.toString(shape) + " is too large to load");
            }
            int[] want = shape.clone();
            if (limit >= 0) want[0] = Math.min(limit, shape[0]);
            long wanted = Arrays.stream(want).asLongStream().reduce(1, (a, b) -> a * b);

            // Converted a chunk at a time as the stream inflates: no second copy of the file in memory,
            // and the chunk is still in cache when it is converted.
            float[] values = new float[(int) wanted];
            byte[] chunk = new byte[BUFFER]; // a multiple of every type's size
            float[] table = type.bytes == 1 ? byteTable(type, divisor) : null;
            long got = 0;
            for (int at = 0; at < values.length; ) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, (values.length - (long) at) * type.bytes));
                got += n;
                if (n == 0 || n % type.bytes != 0) {
                    throw corrupt(file, "truncated: the header promises " + Arrays.toString(shape) + " " + type.label + " values ("
                            + count * type.bytes + " bytes of data) but only " + got + " bytes follow it");
                }
                at = convert(chunk, n, type, table, divisor, values, at);
            }
            if (limit < 0 && in.read() != -1) {
                throw corrupt(file, "more data than the header's shape " + Arrays.toString(shape) + " of " + type.label + " values describes");
            }
            return Tensor.wrap(values, want); // values is ours alone: no second copy of the data
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such file", e);
        } catch (IOException e) {
            // A damaged gzip stream ends here, e.g. "Unexpected end of ZLIB input stream".
            throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        boolean gzip = in.read() == 0x1F && in.read() == 0x8B;
        in.reset();
        return gzip ? new GZIPInputStream(in, BUFFER) : in;
    }

    private static byte[] readFully(InputStream in, Path file, int n, String what) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        if (got < n) throw corrupt(file, "truncated: the file ends inside the header, while reading " + what);
        return b;
    }

    /** The 256 possible byte values divided by divisor: one lookup per byte, and v / 255 exactly as written. */
    private static float[] byteTable(Type type, float divisor) {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) table[v] = (type == Type.UBYTE ? v : (byte) v) / divisor;
        return table;
    }

    /** Converts n bytes of chunk into out from position at; returns the next position. */
    private static int convert(byte[] chunk, int n, Type type, float[] table, float divisor, float[] out, int at) {
        if (table != null) {
            for (int i = 0; i < n; i++) out[at + i] = table[chunk[i] & 0xFF];
            return at + n;
        }
        ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n); // big-endian, as IDX stores values
        for (int i = 0; i < n / type.bytes; i++) {
            double v = switch (type) {
                case SHORT -> buf.getShort();
                case INT -> buf.getInt();
                case FLOAT -> buf.getFloat();
                default -> buf.getDouble();
            };
            out[at + i] = (float) (v / divisor);
        }
        return at + n / type.bytes;
    }

    private static UncheckedIOException corrupt(Path file, String problem) {
        return new UncheckedIOException(file + ": " + problem, new IOException(problem));
    }
}
