package org.lectern.kernel.magic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** Lectern's magics and their one-line usage, which %help prints. */
public final class Magics {
    static final Map<String, String> LINE_USAGE = new LinkedHashMap<>();
    static final Map<String, String> CELL_USAGE = new LinkedHashMap<>();

    static {
        LINE_USAGE.put("lectern", "%lectern                 versions, JDK, SIMD species and width, threads, memory");
        LINE_USAGE.put("classpath", "%classpath PATH...       add jars/directories (globs allowed); installs their extensions");
        LINE_USAGE.put("jars", "%jars PATH...            same as %classpath");
        LINE_USAGE.put("seed", "%seed N                  seed Lectern's random generator (Lectern.seed)");
        LINE_USAGE.put("threads", "%threads [N]             show or set the number of compute threads");
        LINE_USAGE.put("timeit", "%timeit [-n LOOPS] [-r RUNS] STATEMENT   time a statement: mean ± std per loop");
        LINE_USAGE.put("time", "%time STATEMENT          run once and print the wall time");
        LINE_USAGE.put("vars", "%vars                    table of variables: name, type, shape of tensors");
        LINE_USAGE.put("summary", "%summary MODEL DIMS...    layer table of a Module for one input of shape DIMS, e.g. %summary model 1 28 28");
        LINE_USAGE.put("plot", "%plot HISTORY [COLUMNS...]  chart of a training History (default loss and accuracy)");
        LINE_USAGE.put("help", "%help                    this list");
        CELL_USAGE.put("html", "%%html                   render the cell body as HTML");
        CELL_USAGE.put("markdown", "%%markdown               render the cell body as Markdown");
    }

    private Magics() {}

    /** Registers everything; %classpath and %jars only where the host has none, so a stock kernel keeps its own. */
    public static void registerAll(MagicsRegistry registry) {
        registry.registerLineMagic("lectern", new LecternMagic());
        if (!registry.getLineMagicNames().contains("classpath")) registry.registerLineMagic("classpath", new ClasspathMagic("classpath"));
        if (!registry.getLineMagicNames().contains("jars")) registry.registerLineMagic("jars", new ClasspathMagic("jars"));
        registry.registerLineMagic("seed", new SeedMagic());
        registry.registerLineMagic("threads", new ThreadsMagic());
        registry.registerLineMagic("timeit", new TimeitMagic());
        registry.registerLineMagic("time", new TimeMagic());
        registry.registerLineMagic("vars", new VarsMagic());
        registry.registerLineMagic("summary", new SummaryMagic());
        registry.registerLineMagic("plot", new PlotMagic());
        registry.registerLineMagic("help", new HelpMagic());
        registry.registerCellMagic("html", new HtmlMagic());
        registry.registerCellMagic("markdown", new MarkdownMagic());
    }
}
