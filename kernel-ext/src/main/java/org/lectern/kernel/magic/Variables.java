package org.lectern.kernel.magic;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** Checks that a magic's argument names a session variable of the expected type, with messages a student can act on. */
final class Variables {
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    private Variables() {}

    /** Throws a usage error unless {@code name} is a defined variable holding a {@code type} (a class name). */
    static void require(BaseKernel kernel, String magic, String usage, String name, String type, String what) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw MagicArgs.usage(magic, usage, "'" + name + "' is not a variable name");
        }
        JShell shell = Hosts.jshell(kernel).orElse(null);
        if (shell != null) {
            List<String> defined = shell.variables().filter(v -> shell.status(v) == Snippet.Status.VALID)
                    .map(v -> v.name()).filter(n -> !n.startsWith("$")).collect(Collectors.toList());
            if (!defined.contains(name)) {
                throw MagicArgs.usage(magic, usage, "unknown variable '" + name + "'"
                        + (defined.isEmpty() ? " (no variables defined yet)" : "; defined: " + String.join(", ", defined)));
            }
        }
        Object isType;
        try {
            isType = Hosts.eval(kernel, "((Object) " + name + ") instanceof " + type);
        } catch (RuntimeException e) {
            throw MagicArgs.usage(magic, usage, "unknown variable '" + name + "'");
        }
        if (!"true".equals(String.valueOf(isType).replace("\"", ""))) {
            Object actual = Hosts.eval(kernel, "String.valueOf(" + name + " == null ? null : " + name + ".getClass().getSimpleName())");
            throw MagicArgs.usage(magic, usage, "'" + name + "' is not " + what + " (it is "
                    + String.valueOf(actual).replace("\"", "") + ")");
        }
    }
}
