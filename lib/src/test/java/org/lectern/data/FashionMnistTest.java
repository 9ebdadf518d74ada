package org.lectern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lectern.Tensor;

/**
 * Reads the real files of the Debian package dataset-fashion-mnist, which ./lectern test installs.
 * Missing files fail these tests rather than skip them.
 */
class FashionMnistTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final Path DIR = Path.of(FashionMnist.DEFAULT_DIRECTORY);
    static TensorDataset train;
    static TensorDataset test;

    @BeforeAll
    static void load() {
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"}) {
            assertTrue(Files.isRegularFile(DIR.resolve(f)), DIR.resolve(f) + " is missing: apt-get install dataset-fashion-mnist");
        }
        train = FashionMnist.train(DIR);
        test = FashionMnist.test(DIR);
    }

    @Test
    void shapesAreNx1x28x28AndN() {
        assertArrayEquals(new int[] {60000, 1, 28, 28}, train.x().shape());
        assertArrayEquals(new int[] {60000}, train.y().shape());
        assertArrayEquals(new int[] {10000, 1, 28, 28}, test.x().shape());
        assertArrayEquals(new int[] {10000}, test.y().shape());
    }

    @Test
    void labelsAreWholeNumbersFrom0To9WithEveryClassPresent() {
        int[] counts = new int[10];
        for (float v : train.y().toArray()) {
            assertTrue(v == (int) v && v >= 0 && v <= 9, "label " + v);
            counts[(int) v]++;
        }
        for (int c : counts) assertEquals(6000, c); // Fashion-MNIST's training set is balanced
    }

    @Test
    void firstLabelsAndPixelsMatchWhatPythonReads() throws Exception {
        // An independent reader: Python's gzip module on the same files.
        String script = "import gzip, sys\n"
                + "d = sys.argv[1]\n"
                + "tr = gzip.open(d + '/train-labels-idx1-ubyte.gz').read()\n"
                + "te = gzip.open(d + '/t10k-labels-idx1-ubyte.gz').read()\n"
                + "im = gzip.open(d + '/train-images-idx3-ubyte.gz').read()\n"
                + "print(tr[8], te[8], sum(im[16:16 + 784]), im[16 + 14 * 28 + 14])\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, DIR.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        String[] v = out.split(" ");
        assertEquals(Float.parseFloat(v[0]), train.y().item(0));
        assertEquals(Float.parseFloat(v[1]), test.y().item(0));
        Tensor first = train.x().get(0);
        assertEquals(Float.parseFloat(v[2]), first.sum().item() * 255, 0.05f);
        assertEquals(Float.parseFloat(v[3]) / 255f, first.item(0, 14, 14));
    }

    @Test
    void pixelsAreScaledToZeroOne() {
        assertEquals(0f, train.x().min().item());
        assertEquals(1f, train.x().max().item());
        assertEquals(0f, test.x().min().item());
        assertEquals(1f, test.x().max().item());
    }

    @Test
    void meanAndStdConstantsAreThoseOfTheTrainingPixels() {
        double sum = 0, sq = 0;
        float[] v = train.x().toArray();
        for (float x : v) sum += x;
        double mean = sum / v.length;
        for (float x : v) sq += (x - mean) * (x - mean);
        assertEquals(mean, FashionMnist.MEAN, 1e-6);
        assertEquals(Math.sqrt(sq / v.length), FashionMnist.STD, 1e-6);

        Tensor normed = FashionMnist.normalize(train.head(10000)).x();
        assertEquals(0, normed.mean().item(), 0.02); // the first sixth is close to, not exactly, the whole
        assertEquals(1, normed.std().item(), 0.02);
    }

    @Test
    void aLimitLoadsOnlyTheFirstExamples() {
        TensorDataset few = FashionMnist.test(DIR, 50);
        assertArrayEquals(new int[] {50, 1, 28, 28}, few.x().shape());
        assertArrayEquals(test.y().narrow(0, 0, 50).toArray(), few.y().toArray());
        assertArrayEquals(test.x().get(49).toArray(), few.x().get(49).toArray());
    }

    @Test
    void theDirectoryCanBeChangedBySystemProperty(@TempDir Path empty) {
        System.setProperty(FashionMnist.DIRECTORY_VARIABLE, empty.toString());
        try {
            assertEquals(empty, FashionMnist.directory());
            var e = assertThrows(UncheckedIOException.class, () -> FashionMnist.train(5));
            assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
            assertTrue(e.getMessage().contains(empty.resolve("train-images-idx3-ubyte.gz").toString()), e.getMessage());
        } finally {
            System.clearProperty(FashionMnist.DIRECTORY_VARIABLE);
        }
        assertEquals(DIR, FashionMnist.directory());
    }

    @Test
    void classNamesFollowTheLabels() {
        assertEquals(10, FashionMnist.CLASSES.size());
        assertEquals("T-shirt/top", FashionMnist.CLASSES.get(0));
        assertEquals("Ankle boot", FashionMnist.CLASSES.get(9));
        assertEquals(FashionMnist.CLASSES.get((int) train.y().item(0)), FashionMnist.labelNames(train.y().narrow(0, 0, 1)).get(0));
    }

    @Test
    void aShuffledLoaderOverTheTrainingSetGivesFullBatches() {
        var loader = new DataLoader(train, 64, true, true);
        assertEquals(937, loader.size());
        Batch b = loader.iterator().next();
        assertArrayEquals(new int[] {64, 1, 28, 28}, b.x().shape());
        assertArrayEquals(new int[] {64}, b.y().shape());
    }
}
