package io.syncc.lsp;

import io.syncc.compiler.catalog.CachingCatalog;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncc lsp}: the language server on stdin/stdout. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Run the syncc language server (Language Server Protocol) on stdin/stdout, for editors.",
                "Exit code 0 after the client's shutdown and exit, 1 when the client went away without them."})
public final class LspCommand implements Callable<Integer> {

    @Option(names = "--stdio", description = "talk over stdin/stdout (the default and only transport; accepted for editors that pass it)")
    boolean stdio;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where the embedded PostgreSQL lives when the editor names no folder (default: the current folder)")
    Path workDir;

    @Override
    public Integer call() throws InterruptedException {
        // stdout carries the protocol: nothing else may write to it
        InputStream in = System.in;
        OutputStream out = System.out;
        System.setOut(System.err);
        return serve(in, out, workDir == null ? Path.of("").toAbsolutePath() : workDir);
    }

    /** Serves one client until it exits or its stream ends; returns the exit code. */
    public static int serve(InputStream in, OutputStream out, Path workDir) throws InterruptedException {
        SynccLanguageServer server = new SynccLanguageServer(workDir, CachingCatalog.Limits.defaults());
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        while (true) {
            try {
                return server.exited.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                if (listening.isDone()) {
                    return server.exited.getNow(1); // the client closed the stream
                }
            } catch (ExecutionException impossible) {
                return 1;
            }
        }
    }
}
