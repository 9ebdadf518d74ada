package org.lectern.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lectern.Tensor;
import org.lectern.nn.Module;
import org.lectern.optim.Optimizer;

/**
 * Saves and restores a model's parameters and buffers and an optimizer's state in one file.
 * Writing goes to a temporary file in the same directory which is then renamed over the target, so a
 * crash or an interrupt never leaves a half-written checkpoint behind.
 *
 * <p>Format: "LECTERN-CKPT" v1, then sections "model" and "optimizer", each a count of entries
 * (name, rank, sizes, float32 values), all big-endian.
 */
public final class Checkpoint {
    private static final String MAGIC = "LECTERN-CKPT";
    private static final int VERSION = 1;

    private Checkpoint() {}

    public static void save(Path file, Module model, Optimizer optimizer) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    out.writeUTF(MAGIC);
                    out.writeInt(VERSION);
                    writeSection(out, model.stateDict());
                    writeSection(out, optimizer == null ? Map.of() : optimizer.stateDict());
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Checkpoint.save: cannot write " + file, e);
        }
    }

    /** Loads into model (and optimizer, if given). Shapes must match; the message names the parameter. */
    public static void load(Path file, Module model, Optimizer optimizer) {
        Map<String, Tensor> modelState, optimizerState;
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) throw new IOException("not a Lectern checkpoint");
            int version = in.readInt();
            if (version != VERSION) throw new IOException("unsupported checkpoint version " + version);
            modelState = readSection(in);
            optimizerState = readSection(in);
        } catch (EOFException e) {
            throw new UncheckedIOException("Checkpoint.load: " + file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Checkpoint.load: cannot read " + file + ": " + e.getMessage(), e);
        }
        model.loadStateDict(modelState);
        if (optimizer != null && !optimizerState.isEmpty()) optimizer.loadStateDict(optimizerState);
    }

    private static void writeSection(DataOutputStream out, Map<String, Tensor> entries) throws IOException {
        out.writeInt(entries.size());
        for (var e : entries.entrySet()) {
            out.writeUTF(e.getKey());
            int[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (int s : shape) out.writeInt(s);
            for (float v : e.getValue().toArray()) out.writeFloat(v);
        }
    }

    private static Map<String, Tensor> readSection(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt entry count " + n);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int rank = in.readInt();
            if (rank < 0 || rank > 16) throw new IOException("corrupt rank " + rank + " for '" + name + "'");
            int[] shape = new int[rank];
            long count = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readInt();
                count *= shape[d];
            }
            if (count < 0 || count > Integer.MAX_VALUE) throw new IOException("corrupt shape for '" + name + "'");
            float[] v = new float[(int) count];
            for (int j = 0; j < v.length; j++) v[j] = in.readFloat();
            out.put(name, Tensor.fromArray(v, shape));
        }
        return out;
    }
}
