package org.lectern.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.lectern.kernel.magic.LecternHost;
import org.lectern.kernel.magic.MagicException;
import org.lectern.train.Trainer;

/**
 * The Lectern kernel: jjava-jupyter does the Jupyter messaging; cells run in an in-process JShell. The JShell is
 * started on a background thread ({@link SessionStart}) so the first kernel_info reply is not held up by javac.
 */
public final class LecternKernel extends BaseKernel implements LecternHost {
    static final String VERSION = versionOfJar();
    private static final long SHUTDOWN_REPLY_GRACE_MILLIS = 50;

    private final SessionStart session;
    private final CellHistory history;

    LecternKernel(KernelIO io, CommManager comms, Renderer renderer, MagicsRegistry magics, StringStyler styler,
                  CellHistory history, SessionStart session) {
        super("lectern", VERSION, languageInfo(), helpLinks(), history, io, comms, renderer, null, magics, true, styler);
        this.history = history;
        this.session = session;
        // Every Trainer made in this kernel shows live progress and stops cleanly at the stop button.
        Trainer.addDefaultListener(() -> new NotebookTrainingListener(this));
    }

    JShellSession session() {
        return session.get();
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java",
                "text/x-java", "script");
    }

    private static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"));
    }

    private static String versionOfJar() {
        String v = LecternKernel.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String getBanner() {
        return "Lectern " + VERSION + " on Java " + Runtime.version() + " (JShell, in-process, Vector API)";
    }

    @Override
    public Object evalRaw(String code) {
        int cell = executionCount.get() - 1;
        StartupTrace.mark("cell " + cell + " received");
        session.cellWaiting();
        history.record(cell, code);
        Object result = MagicLines.run(code, this, source -> session().eval(source, cell).orElse(null));
        history.recordOutput(cell, result);
        StartupTrace.mark("cell " + cell + " done");
        return result;
    }

    @Override
    public Object evalValue(String source) {
        return session().evalExpression(source);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return Inspector.inspect(session().analysis(), code, at, extraDetail);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return Completer.complete(session().analysis(), magicsRegistry.getLineMagicNames(),
                magicsRegistry.getCellMagicNames(), code, at);
    }

    @Override
    public String isComplete(String code) {
        return CompletenessCheck.check(session().analysis(), code);
    }

    @Override
    public void interrupt() {
        if (session.isDone()) session().interrupt();
    }

    @Override
    public JShell jshell() {
        return session().shell();
    }

    @Override
    public void addToClasspath(String classpath) {
        JShellSession s = session();
        s.addToClasspath(classpath);
        installExtensions(s.loader());
    }

    @Override
    protected void installExtension(Extension extension) {
        // An extension that throws must not take the kernel down; report it and carry on.
        try {
            super.installExtension(extension);
        } catch (Throwable t) {
            System.err.println("Extension " + extension.getClass().getName() + " failed to install: " + t);
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellError) return ((CellError) e).traceback;
        if (e instanceof MagicException) {
            List<String> lines = new ArrayList<>();
            lines.add(Ansi.boldRed("Magic error") + ": " + e.getMessage().lines().findFirst().orElse(""));
            e.getMessage().lines().skip(1).forEach(lines::add);
            return lines;
        }
        return super.formatError(e);
    }

    /**
     * As jjava's, except for the error's name: jjava sends the Java class of whatever reached it (always CellError
     * here), while a notebook reader wants the exception the cell threw, e.g. IllegalArgumentException.
     */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        KernelIO kio = (KernelIO) io;
        kio.attach(env, request.isStdinEnabled());
        env.defer(() -> kio.detach(env));
        try {
            DisplayData out = eval(request.getCode());
            if (out != null) env.publish(new PublishExecuteResult(count, out));
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (Exception e) {
            String name = ErrorNames.of(e);
            String value = e.getLocalizedMessage() == null ? "" : e.getLocalizedMessage();
            List<String> traceback = formatError(e);
            ErrorReply reply = new ErrorReply(name, value, traceback);
            reply.setExecutionCount(count);
            env.publish(new PublishError(name, value, traceback));
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new StatusReplies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        if (!request.useRaw()) flags.add(HistoryManager.ResultFlag.TRANSFORMED_INPUT);
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case TAIL:
                entries = history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
                break;
            case RANGE:
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
                break;
            case SEARCH:
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) flags.add(HistoryManager.ResultFlag.UNIQUE);
                entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
                break;
            default:
                entries = List.of();
        }
        env.reply(new StatusReplies.History(entries, request.includeOutput()));
    }

    /**
     * Jupyter ends this process after a shutdown (a restart starts a new one), and waits for it to go. jjava's orderly
     * close of its socket loops takes a few hundred milliseconds, which every notebook run and restart would wait for,
     * so the process exits as soon as the reply has had a moment to leave.
     */
    @Override
    public void onShutdown(boolean restarting) {
        StartupTrace.mark("shutdown requested");
        super.onShutdown(restarting);
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_REPLY_GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                // Exit now, then.
            }
            StartupTrace.mark("exit");
            Runtime.getRuntime().halt(0); // not exit(): nothing left to flush, and no hook may hold us up
        }, "lectern-exit");
        exit.setDaemon(true);
        exit.start();
    }
}
