package org.lectern.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** A {@code Module}: its PyTorch-like nested description as text, which reads better monospaced than as HTML. */
final class ModuleRenderer {
    static final String MODULE = "org.lectern.nn.Module";

    private ModuleRenderer() {}

    static boolean isModule(Object value) {
        return Reflect.isA(value, MODULE);
    }

    static void render(Object module, DisplayData out) {
        out.putText(String.valueOf(module));
    }
}
