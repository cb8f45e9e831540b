package io.syncc.lsp;

import io.syncc.compiler.workspace.Symbol;
import io.syncc.compiler.workspace.Workspace;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace requests: commands (on threads of their own: a run takes minutes), symbols, files changed on disk. */
final class SyncWorkspace implements WorkspaceService {

    private final Supplier<Session> session;
    private final ExecutorService commands;

    SyncWorkspace(Supplier<Session> session, ExecutorService commands) {
        this.session = session;
        this.commands = commands;
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        Session s = session.get();
        CompletableFuture<Object> result = new CompletableFuture<>();
        commands.execute(() -> {
            try {
                result.complete(s.jobs.execute(params.getCommand(), params.getArguments()));
            } catch (ResponseErrorException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(JobCommands.error(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        });
        return result;
    }

    void cancel(String token) {
        session.get().jobs.cancel(token);
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(WorkspaceSymbolParams params) {
        Session s = session.get();
        String query = params.getQuery() == null ? "" : params.getQuery().toLowerCase(Locale.ROOT);
        return CompletableFutures.computeAsync(cancel -> {
            List<WorkspaceSymbol> out = new ArrayList<>();
            for (Workspace ws : s.workspaces()) {
                Workspace.Parsed p = ws.parse();
                for (Symbol d : p.symbols().declarations()) {
                    if (d.kind() != Symbol.Kind.PARAMETER && d.name().toLowerCase(Locale.ROOT).contains(query)) {
                        TextPositions pos = new TextPositions(p.texts().getOrDefault(d.uri(), ""));
                        out.add(new WorkspaceSymbol(d.name(), d.kind() == Symbol.Kind.JOB ? SymbolKind.Function : SymbolKind.Module,
                                Either.forLeft(new Location(d.uri().toString(), pos.range(d.range())))));
                    }
                }
            }
            return Either.forRight(out);
        });
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        for (FileEvent e : params.getChanges()) {
            session.get().changedOnDisk(URI.create(e.getUri()));
        }
    }
}
