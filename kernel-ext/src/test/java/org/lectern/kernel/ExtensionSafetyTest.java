package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.junit.jupiter.api.Test;

/** install() must never throw into the host, even given a kernel whose parts are missing. */
class ExtensionSafetyTest {
    @Test
    void installSurvivesABrokenHost() {
        BareJShellHost host = new BareJShellHost(System.getProperty("java.class.path"));
        assertDoesNotThrow(() -> new LecternExtension().install(host));
        assertDoesNotThrow(() -> new LecternExtension().install(null));
        new Renderer();
    }
}
