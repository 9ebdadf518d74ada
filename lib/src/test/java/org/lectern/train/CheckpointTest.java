package org.lectern.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lectern.Lectern;
import org.lectern.Tensor;
import org.lectern.nn.BatchNorm1d;
import org.lectern.nn.F;
import org.lectern.nn.Linear;
import org.lectern.nn.Module;
import org.lectern.nn.ReLU;
import org.lectern.nn.Sequential;
import org.lectern.optim.Adam;
import org.lectern.optim.AdamW;
import org.lectern.optim.Optimizer;
import org.lectern.optim.SGD;

class CheckpointTest {
    @TempDir
    Path dir;

    final Tensor x = Tensor.randn(8, 3), y = Tensor.of(0, 1, 2, 1, 0, 2, 2, 1);

    @BeforeEach
    void seed() {
        Lectern.seed(5);
    }

    static Sequential model() {
        return new Sequential(new Linear(3, 6), new BatchNorm1d(6), new ReLU(), new Linear(6, 3));
    }

    void step(Module m, Optimizer opt) {
        opt.zeroGrad();
        F.crossEntropy(m.forward(x), y).backward();
        opt.step();
    }

    static void assertStatesEqual(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> {
            assertArrayEquals(v.shape(), actual.get(k).shape(), k);
            assertArrayEquals(v.toArray(), actual.get(k).toArray(), k);
        });
    }

    void roundTripContinuesIdentically(Function<List<Tensor>, Optimizer> make) {
        Sequential a = model();
        Optimizer optA = make.apply(a.parameters());
        for (int i = 0; i < 3; i++) step(a, optA);
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, a, optA);

        Sequential b = model(); // different initial weights
        Optimizer optB = make.apply(b.parameters());
        Checkpoint.load(file, b, optB);
        assertStatesEqual(a.stateDict(), b.stateDict());
        assertStatesEqual(optA.stateDict(), optB.stateDict());
        assertEquals(optA.steps(), optB.steps());
        assertEquals(optA.lr(), optB.lr());

        // the next steps are the same as without save/load
        for (int i = 0; i < 2; i++) {
            step(a, optA);
            step(b, optB);
        }
        assertStatesEqual(a.stateDict(), b.stateDict());
        assertStatesEqual(optA.stateDict(), optB.stateDict());
    }

    @Test
    void adamRoundTripKeepsMomentsAndContinuesIdentically() {
        roundTripContinuesIdentically(ps -> new Adam(ps, 0.01f));
    }

    @Test
    void adamWRoundTrip() {
        roundTripContinuesIdentically(ps -> new AdamW(ps, 0.01f));
    }

    @Test
    void sgdMomentumRoundTrip() {
        roundTripContinuesIdentically(ps -> new SGD(ps, 0.05f, 0.9f, 0.01f, true));
    }

    @Test
    void adamStateHoldsTheMoments() {
        Sequential a = model();
        Optimizer opt = new Adam(a.parameters(), 0.01f);
        step(a, opt);
        Map<String, Tensor> state = opt.stateDict();
        assertTrue(state.containsKey("0.m") && state.containsKey("0.v"), state.keySet().toString());
        assertArrayEquals(new int[] {6, 3}, state.get("0.m").shape());
    }

    @Test
    void modelOnlyCheckpoint() {
        Sequential a = model();
        Path file = dir.resolve("weights.ckpt");
        Checkpoint.save(file, a, null);
        Sequential b = model();
        Checkpoint.load(file, b, null);
        assertStatesEqual(a.stateDict(), b.stateDict());
    }

    @Test
    void saveLeavesNoTemporaryFiles() throws IOException {
        Sequential a = model();
        Optimizer opt = new Adam(a.parameters(), 0.01f);
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, a, opt);
        step(a, opt);
        Checkpoint.save(file, a, opt); // overwrite
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        Sequential b = model();
        Checkpoint.load(file, b, new Adam(b.parameters(), 0.01f));
        assertStatesEqual(a.stateDict(), b.stateDict());
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact() throws IOException {
        Sequential a = model();
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, a, null);
        byte[] before = Files.readAllBytes(file);

        // the write fails half-way: the model section is written, then the optimizer's state throws
        Optimizer broken = new Optimizer(a.parameters(), 0.1f) {
            @Override
            protected void update(Tensor param, Tensor grad, Map<String, Tensor> perParam) {}

            @Override
            public Map<String, Tensor> stateDict() {
                throw new IllegalStateException("disk full (simulated)");
            }
        };
        step(a, new SGD(a.parameters(), 0.5f)); // new values, so a partial write would differ
        assertThrows(IllegalStateException.class, () -> Checkpoint.save(file, a, broken));
        assertArrayEquals(before, Files.readAllBytes(file), "the old checkpoint is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aFailedRenameLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("inside")); // a non-empty directory cannot be replaced by a file
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoint.save(target, model(), null));
        assertTrue(e.getMessage().contains("taken"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aTruncatedCheckpointGivesAClearError() throws IOException {
        Sequential a = model();
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, a, new Adam(a.parameters(), 0.01f));
        byte[] all = Files.readAllBytes(file);
        Sequential b = model();
        Map<String, Tensor> untouched = b.stateDict();
        for (int keep : new int[] {0, 5, all.length / 2, all.length - 1}) {
            Path cut = dir.resolve("cut" + keep + ".ckpt");
            Files.write(cut, java.util.Arrays.copyOf(all, keep));
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoint.load(cut, b, null), "kept " + keep);
            assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(cut.toString()), e.getMessage());
        }
        assertStatesEqual(untouched, b.stateDict()); // nothing was loaded from a broken file
    }

    @Test
    void notACheckpoint() throws IOException {
        Path file = dir.resolve("notes.ckpt");
        Files.write(file, new byte[] {0, 4, 'a', 'b', 'c', 'd', 0, 0, 0, 1, 0, 0, 0, 0});
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoint.load(file, model(), null));
        assertTrue(e.getMessage().contains("not a Lectern checkpoint"), e.getMessage());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> Checkpoint.load(dir.resolve("nope.ckpt"), model(), null));
        assertTrue(missing.getMessage().contains("nope.ckpt"), missing.getMessage());
    }

    @Test
    void loadingIntoADifferentArchitectureNamesTheParameter() {
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, model(), null);
        Sequential other = new Sequential(new Linear(3, 5), new BatchNorm1d(5), new ReLU(), new Linear(5, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, other, null));
        assertTrue(e.getMessage().contains("'0.weight'"), e.getMessage());
    }
}
