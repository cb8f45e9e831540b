package io.syncc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncc lsp} as editors start it: a process speaking JSON-RPC on stdin/stdout. */
class StdioTest {

    @TempDir
    Path dir;

    private Process start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.syncc.compiler.cli.SynccCli", "lsp", "--stdio");
        pb.directory(dir.toFile());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    @Test
    void aSessionFromInitializeToExit() throws Exception {
        Process p = start();
        LspHarness.Recorder client = new LspHarness.Recorder();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, p.getInputStream(), p.getOutputStream());
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setRootUri(dir.toUri().toString());
        init.setCapabilities(new ClientCapabilities());
        InitializeResult result = server.initialize(init).get(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of("syncc.preview", "syncc.ping", "syncc.run", "syncc.refreshMetadata", "syncc.generateDdl", "syncc.pullCatalog",
                "syncc.createTable"), result.getCapabilities().getExecuteCommandProvider().getCommands());
        server.initialized(new InitializedParams());
        Path file = dir.resolve("a.sync");
        Files.writeString(file, "");
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "sync", 1, "job x {\n  sinc a.b { }\n}\n")));
        List<Diagnostic> d = client.await(uri, l -> !l.isEmpty());
        assertEquals("SYN100", d.get(0).getCode().getLeft());
        assertTrue(d.get(0).getMessage().getLeft().contains("did you mean 'sink'?"), d.get(0).getMessage().getLeft());
        server.shutdown().get(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS);
        server.exit();
        assertTrue(p.waitFor(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    @Test
    void aClientThatGoesAwayEndsTheServerWithExitCodeOne() throws Exception {
        Process p = start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(LspHarness.WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
    }
}
