package org.lectern.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lectern.Tensor;

/**
 * Fashion-MNIST: 28×28 grayscale photos of clothing in 10 classes, 60,000 for training and 10,000 for
 * testing. The files come from the Debian package {@value #DEBIAN_PACKAGE}.
 *
 * <pre>{@code
 * var train = FashionMnist.train();          // x: [60000, 1, 28, 28] in [0, 1], y: [60000] in 0..9
 * var quick = FashionMnist.train(1000);      // only the first 1000, for a fast try
 * var normed = FashionMnist.normalize(train);
 * FashionMnist.CLASSES.get(9);               // "Ankle boot"
 * }</pre>
 *
 * <p>The files are read from {@value #DEFAULT_DIRECTORY} unless the system property or environment
 * variable {@value #DIRECTORY_VARIABLE} names another directory (the property wins).
 */
public final class FashionMnist {
    private FashionMnist() {}

    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final String DEFAULT_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    public static final String DIRECTORY_VARIABLE = "LECTERN_FASHION_MNIST";

    /** Class names by label, as in the dataset's README. */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * Mean and standard deviation of all 47,040,000 training pixels after scaling to [0, 1], computed
     * from the files (FashionMnistTest recomputes them from the loaded tensor).
     */
    public static final float MEAN = 0.2860406f;
    public static final float STD = 0.3530242f;

    public static final int HEIGHT = 28, WIDTH = 28;

    /** The 60,000 training examples. */
    public static TensorDataset train() {
        return train(directory());
    }

    /** The first limit training examples (all when limit is larger). */
    public static TensorDataset train(int limit) {
        return train(directory(), limit);
    }

    public static TensorDataset train(Path directory) {
        return load(directory, "train", -1);
    }

    public static TensorDataset train(Path directory, int limit) {
        return load(directory, "train", checkLimit(limit));
    }

    /** The 10,000 test examples. */
    public static TensorDataset test() {
        return test(directory());
    }

    public static TensorDataset test(int limit) {
        return test(directory(), limit);
    }

    public static TensorDataset test(Path directory) {
        return load(directory, "t10k", -1);
    }

    public static TensorDataset test(Path directory, int limit) {
        return load(directory, "t10k", checkLimit(limit));
    }

    /** The dataset with images shifted and scaled by {@link #MEAN} and {@link #STD}. */
    public static TensorDataset normalize(TensorDataset dataset) {
        return new Normalize(MEAN, STD).apply(dataset);
    }

    /** The class name of every label in a 1-D tensor, e.g. for {@link Images#grid}. */
    public static List<String> labelNames(Tensor labels) {
        List<String> names = new ArrayList<>();
        for (float v : labels.toArray()) {
            int c = (int) v;
            if (c != v || c < 0 || c >= CLASSES.size()) {
                throw new IllegalArgumentException("labelNames: " + v + " is not a Fashion-MNIST label (0 to " + (CLASSES.size() - 1) + ")");
            }
            names.add(CLASSES.get(c));
        }
        return names;
    }

    /** Where the files are looked for: {@value #DIRECTORY_VARIABLE} if set, else the Debian package's directory. */
    public static Path directory() {
        String dir = System.getProperty(DIRECTORY_VARIABLE);
        if (dir == null || dir.isBlank()) dir = System.getenv(DIRECTORY_VARIABLE);
        return Path.of(dir == null || dir.isBlank() ? DEFAULT_DIRECTORY : dir);
    }

    private static int checkLimit(int limit) {
        if (limit < 0) throw new IllegalArgumentException("FashionMnist: limit must be non-negative, got " + limit);
        return limit;
    }

    private static TensorDataset load(Path directory, String split, int limit) {
        Path imagesFile = find(directory, split + "-images-idx3-ubyte");
        Path labelsFile = find(directory, split + "-labels-idx1-ubyte");
        Tensor images = Idx.read(imagesFile, limit, 255f);
        Tensor labels = Idx.read(labelsFile, limit, 1f);
        int[] s = images.shape();
        if (s.length != 3 || s[1] != HEIGHT || s[2] != WIDTH) {
            throw new UncheckedIOException(imagesFile + ": expected images of shape [N, 28, 28], the file holds " + Arrays.toString(s),
                    new IOException("unexpected shape"));
        }
        if (labels.dim() != 1 || labels.size(0) != s[0]) {
            throw new UncheckedIOException(labelsFile + ": holds labels of shape " + Arrays.toString(labels.shape()) + " for " + s[0]
                    + " images in " + imagesFile, new IOException("label count mismatch"));
        }
        return new TensorDataset(images.reshape(s[0], 1, HEIGHT, WIDTH), labels);
    }

    /** The gzipped file as shipped, or an unpacked copy. */
    private static Path find(Path directory, String name) {
        Path gz = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) return plain;
        String message = "Fashion-MNIST file " + gz + " not found (nor " + plain.getFileName() + " beside it). Install the Debian package: "
                + "sudo apt-get install " + DEBIAN_PACKAGE + " (it puts the files in " + DEFAULT_DIRECTORY + "), or set the system property"
                + " or environment variable " + DIRECTORY_VARIABLE + " to the directory that holds them.";
        throw new UncheckedIOException(message, new NoSuchFileException(gz.toString()));
    }
}
