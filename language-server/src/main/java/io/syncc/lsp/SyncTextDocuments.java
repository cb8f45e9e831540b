package io.syncc.lsp;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Document requests. Edits are applied in order on the message thread (so a request after an edit
 * sees it); every request answers from the text as it is and from cached metadata, without waiting
 * for a database.
 */
final class SyncTextDocuments implements TextDocumentService {

    private final Supplier<Session> session;

    SyncTextDocuments(Supplier<Session> session) {
        this.session = session;
    }

    private static URI uri(String s) {
        return URI.create(s);
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var d = params.getTextDocument();
        session.get().opened(uri(d.getUri()), d.getText(), d.getVersion());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        Session s = session.get();
        URI uri = uri(params.getTextDocument().getUri());
        String text = s.workspace(uri).document(uri).map(d -> d.text()).orElseGet(() -> s.text(uri));
        for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
            text = apply(text, change);
        }
        s.changed(uri, text, params.getTextDocument().getVersion());
    }

    /** One change: the whole text, or a range (in UTF-16 positions) replaced. */
    static String apply(String text, TextDocumentContentChangeEvent change) {
        if (change.getRange() == null) {
            return change.getText();
        }
        TextPositions pos = new TextPositions(text);
        int start = pos.charIndex(change.getRange().getStart());
        int end = Math.max(start, pos.charIndex(change.getRange().getEnd()));
        return text.substring(0, start) + change.getText() + text.substring(end);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        session.get().closed(uri(params.getTextDocument().getUri()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        session.get().changedOnDisk(uri(params.getTextDocument().getUri()));
    }

    /** The document's text and positions, with the cursor as a code-point offset. */
    private record At(URI uri, String text, TextPositions pos, int charIndex, int offset) {
    }

    private At at(String uriText, org.eclipse.lsp4j.Position position) {
        URI uri = uri(uriText);
        String text = session.get().text(uri);
        TextPositions pos = new TextPositions(text);
        int index = position == null ? 0 : pos.charIndex(position);
        return new At(uri, text, pos, index, pos.codePointOffset(index));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        At a = at(params.getTextDocument().getUri(), params.getPosition());
        return CompletableFuture.completedFuture(Either.forRight(session.get().completions.complete(a.uri(), a.text(), a.charIndex())));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        At a = at(params.getTextDocument().getUri(), params.getPosition());
        return CompletableFuture.completedFuture(session.get().hovers.hover(a.uri(), a.offset(), a.pos()).orElse(null));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        At a = at(params.getTextDocument().getUri(), params.getPosition());
        return CompletableFuture.completedFuture(Either.forLeft(session.get().navigation.definition(a.uri(), a.offset())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        At a = at(params.getTextDocument().getUri(), params.getPosition());
        boolean decl = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return CompletableFuture.completedFuture(session.get().navigation.references(a.uri(), a.offset(), decl));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams params) {
        At a = at(params.getTextDocument().getUri(), params.getPosition());
        return CompletableFuture.completedFuture(session.get().navigation.renameable(a.uri(), a.offset())
                .<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>>map(Either3::forFirst).orElse(null));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        At a = at(params.getTextDocument().getUri(), params.getPosition());
        return CompletableFuture.completedFuture(session.get().navigation.rename(a.uri(), a.offset(), params.getNewName()));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        At a = at(params.getTextDocument().getUri(), null);
        List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
        session.get().navigation.symbols(a.uri(), a.pos()).forEach(d -> out.add(Either.forRight(d)));
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        At a = at(params.getTextDocument().getUri(), null);
        return CompletableFuture.completedFuture(session.get().navigation.folding(a.uri(), a.pos()));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        At a = at(params.getTextDocument().getUri(), null);
        int size = params.getOptions() == null ? 2 : Math.max(1, params.getOptions().getTabSize());
        boolean spaces = params.getOptions() == null || params.getOptions().isInsertSpaces();
        String formatted = Formatter.format(a.text(), spaces ? " ".repeat(size) : "\t");
        if (formatted.equals(a.text())) {
            return CompletableFuture.completedFuture(List.of());
        }
        Range all = new Range(a.pos().position(0), a.pos().position(a.text().length()));
        return CompletableFuture.completedFuture(List.of(new TextEdit(all, formatted)));
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        At a = at(params.getTextDocument().getUri(), null);
        return CompletableFuture.completedFuture(new SemanticTokens(
                SemanticTokenizer.tokens(a.uri(), a.text(), session.get().parsed(a.uri()).symbols())));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        At a = at(params.getTextDocument().getUri(), params.getRange().getStart());
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        List<org.eclipse.lsp4j.Diagnostic> context = params.getContext() == null || params.getContext().getDiagnostics() == null
                ? List.of() : params.getContext().getDiagnostics();
        List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
        for (CodeAction action : session.get().actions.actions(a.uri(), params.getRange(), context, a.pos())) {
            if (only == null || only.stream().anyMatch(k -> action.getKind().startsWith(k))) {
                out.add(Either.forRight(action));
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        At a = at(params.getTextDocument().getUri(), null);
        return CompletableFuture.completedFuture(session.get().jobs.lenses(a.uri(), a.pos()));
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
        At a = at(params.getTextDocument().getUri(), params.getPosition());
        return CompletableFuture.completedFuture(SettingHelp.at(a.text(), a.charIndex()).orElse(null));
    }
}
