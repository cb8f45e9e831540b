package io.syncc.lsp;

import io.syncc.compiler.catalog.CachingCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The syncc language server: capabilities, lifecycle, and the two services. */
public final class SynccLanguageServer implements LanguageServer, LanguageClientAware {

    private final CachingCatalog.Limits limits;
    private final Path defaultWorkDir;
    private volatile Session session;
    private final SyncTextDocuments documents;
    private final SyncWorkspace workspace;
    private final ExecutorService commands = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "syncc-command");
        t.setDaemon(true);
        return t;
    });
    private LanguageClient client;
    private int exitCode = 1;

    /**
     * @param workDir used when the client names no root folder: where the embedded server lives
     * @param limits  the metadata cache's time limits
     */
    public SynccLanguageServer(Path workDir, CachingCatalog.Limits limits) {
        this.defaultWorkDir = workDir;
        this.limits = limits;
        this.documents = new SyncTextDocuments(this::session);
        this.workspace = new SyncWorkspace(this::session, commands);
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        Path root = defaultWorkDir;
        String rootUri = params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()
                ? params.getWorkspaceFolders().get(0).getUri() : params.getRootUri();
        if (rootUri != null) {
            try {
                root = Path.of(URI.create(rootUri));
            } catch (RuntimeException notAFolder) {
                root = defaultWorkDir;
            }
        }
        session = new Session(root, limits, environment(params.getInitializationOptions()));
        session.connect(client);
        session.embedded().onStart(m -> {
            if (client != null) {
                client.logMessage(new MessageParams(MessageType.Info, m));
            }
        });

        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        CompletionOptions completion = new CompletionOptions(false, List.of(".", " ", ">", "{", "$"));
        caps.setCompletionProvider(completion);
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setReferencesProvider(true);
        caps.setRenameProvider(new RenameOptions(true));
        caps.setDocumentSymbolProvider(true);
        caps.setWorkspaceSymbolProvider(true);
        caps.setDocumentFormattingProvider(true);
        caps.setFoldingRangeProvider(true);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.Source)));
        caps.setCodeLensProvider(new CodeLensOptions(false));
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(JobCommands.COMMANDS));
        SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(SemanticTokenizer.legend());
        tokens.setFull(true);
        caps.setSemanticTokensProvider(tokens);
        caps.setSignatureHelpProvider(new org.eclipse.lsp4j.SignatureHelpOptions(List.of(" ")));
        String version = SynccLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("syncc", version == null ? "development" : version)));
    }

    /** {@code initializationOptions: {"environment": "prod"}}: which env NAME { } of the datasources applies. */
    private static String environment(Object options) {
        if (options instanceof com.google.gson.JsonObject o && o.has("environment") && o.get("environment").isJsonPrimitive()) {
            return o.get("environment").getAsString();
        }
        return null;
    }

    @Override
    public void initialized(InitializedParams params) {
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        exitCode = 0;
        if (session != null) {
            session.close();
        }
        commands.shutdownNow();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exited.complete(exitCode);
    }

    /** Completed with the exit code when the client sends {@code exit}: 0 after {@code shutdown}, else 1. */
    final CompletableFuture<Integer> exited = new CompletableFuture<>();

    @Override
    public void cancelProgress(WorkDoneProgressCancelParams params) {
        if (workspace != null && params.getToken() != null) {
            Either<String, Integer> t = params.getToken();
            workspace.cancel(t.isLeft() ? t.getLeft() : String.valueOf(t.getRight()));
        }
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    /** The session made by {@code initialize}. */
    Session session() {
        Session s = session;
        if (s == null) {
            throw new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                    org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.ServerNotInitialized, "not initialized", null));
        }
        return s;
    }
}
