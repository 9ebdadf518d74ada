package org.lectern.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.lectern.kernel.magic.MagicArgs;
import org.lectern.kernel.magic.MagicException;

/**
 * Runs a cell that may contain magics. A cell starting with {@code %%name} is handed whole to that cell magic; lines
 * starting with {@code %name} run as line magics, between chunks of Java that go to JShell. Magics run here, on the
 * kernel side, rather than being translated into Java calls, so they may themselves evaluate code in JShell.
 */
final class MagicLines {
    private MagicLines() {}

    static Object run(String code, BaseKernel kernel, Function<String, Object> java) {
        String stripped = code.stripLeading();
        if (stripped.startsWith("%%")) {
            int eol = stripped.indexOf('\n');
            String header = eol < 0 ? stripped.substring(2) : stripped.substring(2, eol);
            String body = eol < 0 ? "" : stripped.substring(eol + 1);
            List<String> words = MagicArgs.split(header);
            if (words.isEmpty()) throw new MagicException("Expected a cell magic name after %%. Try %help.");
            return callCell(kernel, words.get(0), words.subList(1, words.size()), body);
        }
        Object last = null;
        StringBuilder chunk = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (line.stripLeading().startsWith("%")) {
                if (!chunk.toString().isBlank()) java.apply(chunk.toString());
                chunk.setLength(0);
                List<String> words = MagicArgs.split(line.stripLeading().substring(1));
                if (words.isEmpty()) throw new MagicException("Expected a magic name after %. Try %help.");
                last = callLine(kernel, words.get(0), words.subList(1, words.size()));
                // Keep line numbers of later Java lines matching the cell.
                chunk.append('\n');
            } else {
                chunk.append(line).append('\n');
            }
        }
        if (!chunk.toString().isBlank()) last = java.apply(chunk.toString());
        return last;
    }

    private static Object callLine(BaseKernel kernel, String name, List<String> args) {
        if (!kernel.getMagicsRegistry().getLineMagicNames().contains(name)) {
            throw new MagicException("Unknown line magic %" + name + ". Try %help for the list.");
        }
        try {
            return kernel.getMagicsRegistry().evalLineMagic(kernel, name, new ArrayList<>(args));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%" + name + " failed: " + e.getMessage());
        }
    }

    private static Object callCell(BaseKernel kernel, String name, List<String> args, String body) {
        if (!kernel.getMagicsRegistry().getCellMagicNames().contains(name)) {
            throw new MagicException("Unknown cell magic %%" + name + ". Try %help for the list.");
        }
        try {
            return kernel.getMagicsRegistry().evalCellMagic(kernel, name, new ArrayList<>(args), body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%%" + name + " failed: " + e.getMessage());
        }
    }
}
