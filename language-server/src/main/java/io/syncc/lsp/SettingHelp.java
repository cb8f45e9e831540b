package io.syncc.lsp;

import io.syncc.grammar.SyncLexer;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureInformation;

/**
 * Signature-style help for a block setting being written: its shape and what each choice does,
 * shown while the cursor is after the setting's keyword (as a function's parameters are).
 */
final class SettingHelp {

    private record Shape(String label, String doc) {
    }

    private static final Map<Integer, Shape> SHAPES = Map.ofEntries(
            Map.entry(SyncLexer.WRITE, new Shape("write copy | insert", "`copy`: COPY, the fastest; `insert`: INSERT statements, needed for `on conflict`.")),
            Map.entry(SyncLexer.MODE, new Shape("mode append | overwrite", "`append` adds rows; `overwrite` replaces the table's rows in one transaction.")),
            Map.entry(SyncLexer.CONFLICT, new Shape("on conflict replace | ignore | fail", "What an insert does when the primary key exists (needs `write insert` and a primary key).")),
            Map.entry(SyncLexer.PARALLELISM, new Shape("parallelism N", "How many splits are loaded at once (1 to 64).")),
            Map.entry(SyncLexer.RATE, new Shape("rate AMOUNT rows|b|kb|mb|gb / s", "At most so much per second, over all workers.")),
            Map.entry(SyncLexer.ERRORS, new Shape("errors N | N%", "Dirty rows allowed before the job fails: a count, or a share of the rows read. `errors -1` allows any number.")),
            Map.entry(SyncLexer.RETRIES, new Shape("retries N", "How often a split is tried again after a transient fault (a lost connection, a deadlock). Default 3.")),
            Map.entry(SyncLexer.AS, new Shape("as TYPE [format \"pattern\"]", "Converts the source value; values that do not convert are dirty rows.")),
            Map.entry(SyncLexer.CRON, new Shape("cron \"minute hour day month weekday\"", "When the job runs (Unix cron, five fields).")),
            Map.entry(SyncLexer.PARAM_KW, new Shape("param NAME = \"value\"", "A parameter of the job, used as ${NAME} in SQL and values.")),
            Map.entry(SyncLexer.SPLIT, new Shape("split by COLUMN", "Splits the source by ranges of an integer, numeric, date or timestamp key, read in parallel.")),
            Map.entry(SyncLexer.PARTITION, new Shape("partition KEY = \"value\" | KEY in (\"a\", \"b\") | KEY between \"a\" and \"b\", ...",
                    "Source: read only these partitions (key=value folders; * and ? match any text / one character). Sink: write this list partition, or with no value each row to the partition of its own value.")),
            Map.entry(SyncLexer.INCREMENTAL, new Shape("incremental by COLUMN", "Reads only the rows whose timestamp, date or integer COLUMN is after the watermark the last run left in the sink's database; --from VALUE / --full override it.")));

    private SettingHelp() {
    }

    static Optional<SignatureHelp> at(String text, int cursor) {
        CursorContext cx = CursorContext.at(text, cursor);
        if (cx.inString.isPresent() || cx.inComment) {
            return Optional.empty();
        }
        for (int i = 0; i < 3; i++) {
            Shape s = SHAPES.get(cx.back(i));
            if (s != null) {
                SignatureInformation info = new SignatureInformation(s.label(), new MarkupContent(MarkupKind.MARKDOWN, s.doc()), java.util.List.of());
                return Optional.of(new SignatureHelp(java.util.List.of(info), 0, 0));
            }
            int t = cx.back(i);
            if (t == SyncLexer.LBRACE || t == SyncLexer.RBRACE || t == SyncLexer.SEMI) {
                break;
            }
        }
        return Optional.empty();
    }
}
