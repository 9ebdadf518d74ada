package REPL;

/**
 * The stop helper JShell (JDK 21+) expects beside snippet classes: its {@code LocalExecutionControl} rewrites every
 * snippet method to call {@link #stopCheck()} on entry and before each backward branch, and normally defines this class
 * itself from its own {@code invoke}. The kernel runs snippets on its own thread instead, so it provides the class
 * here, on the kernel's class path, where the snippet loader finds it through its parent. The name and members must
 * stay exactly as JShell's rewritten code refers to them. On JDK 17 nothing calls it.
 */
public final class $Cancel$ {
    /** Set by the kernel to make running snippet code throw at its next loop iteration or call. */
    public static volatile boolean allStop;

    private $Cancel$() {}

    @SuppressWarnings({"deprecation", "removal"})
    public static void stopCheck() {
        // ThreadDeath, like JShell's own helper: user code rarely catches it, and the kernel recognises it.
        if (allStop) throw new ThreadDeath();
    }
}
