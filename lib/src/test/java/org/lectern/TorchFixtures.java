package org.lectern;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PyTorch reference cases under {@code src/test/resources/fixtures/} (written by
 * {@code src/test/python/make_torch_fixtures.py}; the format is described at the top of that script).
 */
final class TorchFixtures {
    private TorchFixtures() {}

    /** A tensor from a fixture: shape and row-major values; integer for index inputs and integer outputs. */
    record Ref(int[] shape, double[] values, boolean integer) {
        Tensor toTensor() {
            float[] f = new float[values.length];
            for (int k = 0; k < f.length; k++) f[k] = (float) values[k];
            return Tensor.fromArray(f, shape);
        }
    }

    /** One case: the PyTorch expression, its inputs, outputs, loss weights R and gradients dL/d(input). */
    record Case(String name, String torch, double floor, Map<String, Ref> inputs, List<Ref> outputs,
                Map<Integer, Ref> weights, Map<String, Ref> grads, String source) {}

    /** All cases of all files listed in fixtures/INDEX, in file order. */
    static List<Case> load() {
        return load("");
    }

    /**
     * All cases of the files listed in fixtures/&lt;dir&gt;/INDEX (same format), e.g. "nn" for the layer,
     * loss and optimizer cases of {@code make_torch_nn_fixtures.py}; "" is fixtures/ itself.
     */
    static List<Case> load(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        List<Case> cases = new ArrayList<>();
        for (String file : lines(prefix + "INDEX")) {
            if (!file.isBlank()) cases.addAll(parse(prefix + file.strip(), lines(prefix + file.strip())));
        }
        return cases;
    }

    private static List<String> lines(String file) {
        String path = "/fixtures/" + file;
        try (InputStream in = TorchFixtures.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path + "; run make_torch_fixtures.py (or make_torch_nn_fixtures.py)");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> parse(String file, List<String> lines) {
        List<Case> cases = new ArrayList<>();
        String name = null, torch = null;
        double floor = Double.NaN;
        Map<String, Ref> inputs = null, grads = null;
        List<Ref> outputs = null;
        Map<Integer, Ref> weights = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) continue;
            String where = file + ":" + (n + 1);
            int space = line.indexOf(' ');
            String kind = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            if (kind.equals("case")) {
                if (name != null) throw new IllegalStateException(where + ": case " + name + " has no end");
                name = rest;
                torch = null;
                floor = Double.NaN;
                inputs = new LinkedHashMap<>();
                grads = new LinkedHashMap<>();
                outputs = new ArrayList<>();
                weights = new LinkedHashMap<>();
                continue;
            }
            if (name == null) throw new IllegalStateException(where + ": '" + kind + "' outside a case");
            switch (kind) {
                case "torch" -> torch = rest;
                case "floor" -> floor = Double.parseDouble(rest);
                case "end" -> {
                    if (torch == null || Double.isNaN(floor)) throw new IllegalStateException(where + ": case " + name + " lacks torch or floor");
                    cases.add(new Case(name, torch, floor, inputs, outputs, weights, grads, where));
                    name = null;
                }
                case "input", "index", "output", "indices", "weight", "grad" -> {
                    String[] tok = rest.split(" ");
                    Ref ref = ref(tok, kind.equals("index") || kind.equals("indices"), where);
                    switch (kind) {
                        case "input", "index" -> inputs.put(tok[0], ref);
                        case "output", "indices" -> {
                            if (Integer.parseInt(tok[0]) != outputs.size()) throw new IllegalStateException(where + ": outputs out of order");
                            outputs.add(ref);
                        }
                        case "weight" -> weights.put(Integer.parseInt(tok[0]), ref);
                        default -> grads.put(tok[0], ref);
                    }
                }
                default -> throw new IllegalStateException(where + ": unknown line kind '" + kind + "'");
            }
        }
        if (name != null) throw new IllegalStateException(file + ": case " + name + " has no end");
        return cases;
    }

    /** tok[0] is the name, tok[1] the shape "[2,3]" ("[]" for 0-d), then the values. */
    private static Ref ref(String[] tok, boolean integer, String where) {
        String s = tok[1];
        if (!s.startsWith("[") || !s.endsWith("]")) throw new IllegalStateException(where + ": bad shape " + s);
        String body = s.substring(1, s.length() - 1);
        int[] shape = body.isEmpty() ? new int[0] : java.util.Arrays.stream(body.split(",")).mapToInt(Integer::parseInt).toArray();
        int numel = 1;
        for (int d : shape) numel *= d;
        if (tok.length - 2 != numel) {
            throw new IllegalStateException(where + ": shape " + s + " needs " + numel + " values, found " + (tok.length - 2));
        }
        double[] values = new double[numel];
        for (int k = 0; k < numel; k++) values[k] = Double.parseDouble(tok[k + 2]);
        return new Ref(shape, values, integer);
    }
}
