package io.syncc.lsp;

import io.syncc.compiler.catalog.CachingCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A language client talking JSON-RPC to a real server over a loopback socket (the same protocol
 * stream as stdio, in one JVM so the test database is shared). Records what the server sends.
 */
final class LspHarness implements AutoCloseable {

    /** Generous bound for a hang, never a speed claim. */
    static final long WAIT_SECONDS = 60;

    final LanguageServer server;
    final Recorder client = new Recorder();
    private final CompletableFuture<Integer> exited;
    private final Socket clientSocket;
    private final Socket serverSocket;

    private LspHarness(Path root, CachingCatalog.Limits limits) throws Exception {
        this(root, limits, null);
    }

    private LspHarness(Path root, CachingCatalog.Limits limits, Object initializationOptions) throws Exception {
        // a loopback socket, not java.io pipes: a pipe breaks when a thread that wrote to it ends
        // (the server writes from many: checks, commands, a run's workers)
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            clientSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            serverSocket = listener.accept();
        }
        // small JSON-RPC messages: no Nagle delay (stdio, what editors use, has none either)
        clientSocket.setTcpNoDelay(true);
        serverSocket.setTcpNoDelay(true);
        InputStream serverIn = serverSocket.getInputStream();
        OutputStream serverOut = serverSocket.getOutputStream();
        InputStream clientIn = clientSocket.getInputStream();
        OutputStream clientOut = clientSocket.getOutputStream();
        SynccLanguageServer impl = new SynccLanguageServer(root, limits);
        Launcher<LanguageClient> serverLauncher = LSPLauncher.createServerLauncher(impl, serverIn, serverOut);
        impl.connect(serverLauncher.getRemoteProxy());
        serverLauncher.startListening();
        exited = impl.exited;
        Launcher<LanguageServer> clientLauncher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
        clientLauncher.startListening();
        server = clientLauncher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setRootUri(root.toUri().toString());
        init.setCapabilities(new ClientCapabilities());
        init.setInitializationOptions(initializationOptions);
        server.initialize(init).get(WAIT_SECONDS, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
    }

    static LspHarness start(Path root) throws Exception {
        return new LspHarness(root, CachingCatalog.Limits.defaults());
    }

    static LspHarness start(Path root, CachingCatalog.Limits limits) throws Exception {
        return new LspHarness(root, limits);
    }

    /** With initializationOptions, e.g. {@code {"environment": "prod"}}. */
    static LspHarness start(Path root, Object initializationOptions) throws Exception {
        return new LspHarness(root, CachingCatalog.Limits.defaults(), initializationOptions);
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "sync", 1, text)));
    }

    void replaceAll(String uri, int version, String text) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(text))));
    }

    CompletionList complete(String uri, Position at) throws Exception {
        return server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), at))
                .get(WAIT_SECONDS, TimeUnit.SECONDS).getRight();
    }

    /** Completion labels once the metadata they need has been fetched (the first answers may say it is being fetched). */
    List<String> labelsWhenFetched(String uri, Position at) throws Exception {
        for (int i = 0; i < 1200; i++) {
            CompletionList list = complete(uri, at);
            if (!list.isIncomplete()) {
                return list.getItems().stream().map(CompletionItem::getLabel).toList();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("metadata never arrived");
    }

    /** Waits for the diagnostics of a document to satisfy {@code done}; returns them. */
    List<Diagnostic> diagnostics(String uri, Predicate<List<Diagnostic>> done) throws InterruptedException {
        return client.await(uri, done);
    }

    @Override
    public void close() throws Exception {
        try {
            server.shutdown().get(WAIT_SECONDS, TimeUnit.SECONDS);
            server.exit();
            exited.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            try {
                clientSocket.close();
                serverSocket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** The client side: diagnostics as published, progress, log messages. */
    static final class Recorder implements LanguageClient {
        final Map<String, List<Diagnostic>> diagnostics = new ConcurrentHashMap<>();
        final Map<String, Integer> versions = new ConcurrentHashMap<>();
        final List<ProgressParams> progress = Collections.synchronizedList(new ArrayList<>());
        final List<MessageParams> log = Collections.synchronizedList(new ArrayList<>());

        @Override
        public synchronized void publishDiagnostics(PublishDiagnosticsParams d) {
            diagnostics.put(d.getUri(), d.getDiagnostics());
            if (d.getVersion() != null) {
                versions.put(d.getUri(), d.getVersion());
            }
            notifyAll();
        }

        synchronized List<Diagnostic> await(String uri, Predicate<List<Diagnostic>> done) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                List<Diagnostic> now = diagnostics.get(uri);
                if (now != null && done.test(now)) {
                    return now;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no diagnostics as expected for " + uri + "; last: " + now);
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }

        synchronized void awaitVersion(String uri, int version) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!Integer.valueOf(version).equals(versions.get(uri))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no diagnostics for version " + version + " of " + uri + "; last " + versions.get(uri));
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }

        List<MessageParams> errors() {
            synchronized (log) {
                return log.stream().filter(m -> m.getType() == MessageType.Error).toList();
            }
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams m) {
            log.add(m);
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams m) {
            log.add(m);
        }

        @Override
        public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void notifyProgress(ProgressParams params) {
            progress.add(params);
        }

        @Override
        public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
            return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
        }
    }
}
