package org.lectern.kernel;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Gives JShell our in-process execution engine, so the kernel JVM's flags (the Vector API module) apply to cells. */
final class CapturingExecutionProvider implements ExecutionControlProvider {
    private final CapturingExecutionControl control;

    CapturingExecutionProvider(CapturingExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "lectern-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
