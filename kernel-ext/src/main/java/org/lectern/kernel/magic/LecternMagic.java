package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %lectern: what this session runs on, for bug reports and for explaining speed differences in class. */
final class LecternMagic implements LineMagic<String, BaseKernel> {
    @Override
    public String eval(BaseKernel kernel, List<String> args) {
        if (!args.isEmpty()) throw MagicArgs.usage("lectern", Magics.LINE_USAGE.get("lectern"), "takes no arguments");
        Runtime rt = Runtime.getRuntime();
        String simd = String.valueOf(Hosts.eval(kernel, "org.lectern.Lectern.simd()"));
        Object threads = Hosts.eval(kernel, "org.lectern.Lectern.threads()");
        String version = String.valueOf(org.lectern.Tensor.class.getPackage().getImplementationVersion());
        return String.join("\n",
                "Lectern     " + ("null".equals(version) ? "dev" : version),
                "Kernel      " + kernel.getName() + " " + kernel.getVersion(),
                "JDK         " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")",
                "OS          " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + rt.availableProcessors() + " CPUs",
                "SIMD        " + simd,
                "Threads     " + threads,
                "Memory      " + mb(rt.totalMemory() - rt.freeMemory()) + " used, " + mb(rt.totalMemory()) + " committed, " + mb(rt.maxMemory()) + " max heap");
    }

    private static String mb(long bytes) {
        return (bytes >> 20) + " MB";
    }
}
