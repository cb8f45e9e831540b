package io.syncc.compiler.cli;

import io.syncc.compiler.ast.Name;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.LiveCatalog;
import io.syncc.compiler.catalog.MetadataException;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.workspace.Workspace;
import io.syncc.runtime.plan.DatasourcePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code syncc guess DATA}: a working {@code .sync} job for a CSV or JSON Lines file (or a folder of
 * them): the datasources, the columns with the types inferred from the data (each explained in a
 * comment), a sink table created if missing, and {@code map by name}.
 */
@Command(name = "guess", mixinStandardHelpOptions = true,
        description = {"Write a .sync job for a CSV or JSON Lines file (or a folder of them): a datasource for it, the columns with",
                "the types the data shows (each explained in a comment: a leading zero keeps text, a decimal double precision",
                "would change is numeric), a sink table created if missing, and map by name. Check the types, then run it."})
final class GuessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "a .csv or .jsonl file (also .gz), a folder of them, or DATASOURCE.TABLE"
            + " of a datasource declared in the output folder")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the .sync file to write (default: TABLE.sync in the current folder)")
    Path output;

    @Option(names = "--sink-url", paramLabel = "URL", description = "the sink database's JDBC URL (default: embedded, syncc's own PostgreSQL)")
    String sinkUrl;

    @Option(names = "--force", description = "overwrite the output file")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path abs = data.toAbsolutePath().normalize();
        if (!Files.exists(abs) && data.toString().matches("[A-Za-z_][A-Za-z_0-9]*(\\.[^./\\\\]+){1,2}")) {
            return guessTable(data.toString());
        }
        if (!Files.exists(abs)) {
            return fail("no such file or folder: " + data);
        }
        Optional<String> type = formatOf(abs);
        if (type.isEmpty()) {
            return fail(data + " is not a CSV or JSON Lines file (.csv, .jsonl, also .gz), or a folder of them");
        }
        String table = tableName(abs);
        String job = identifier(table);
        Optional<Path> target = target(job);
        if (target.isEmpty()) {
            return 2;
        }
        Path out = target.get();
        Path folder = out.getParent();
        try (LiveCatalog live = new LiveCatalog(folder)) {
            return guessFile(abs, type.get(), table, job, out, live);
        }
    }

    /** {@code syncc guess FILE}: the datasources, the inferred columns with their reasons, a sink created if missing. */
    private int guessFile(Path abs, String type, String table, String job, Path out, LiveCatalog live) throws IOException {
        Path folder = out.getParent();
        Workspace ws = new Workspace(folder, live);
        Set<String> taken = declaredDatasources(ws.parse(), out);
        String files = unique("files", taken);
        taken.add(files);
        String warehouse = unique("warehouse", taken);
        String relative = folder.relativize(abs.getParent()).toString().replace('\\', '/');
        String datasources = "datasource " + files + " {\n  type " + type + "\n  path \"" + (relative.isEmpty() ? "." : relative) + "\""
                + (type.equals("csv") ? "\n  header true                 // the first record names the columns" : "") + "\n}\n\n"
                + sinkDatasource(warehouse);

        TableInfo info;
        try {
            info = inferred(ws, live, out, datasources, files, table);
        } catch (MetadataException e) {
            return fail("cannot read " + data + ": " + e.getMessage());
        }
        StringBuilder text = new StringBuilder();
        text.append("// Written by `syncc guess ").append(data).append("`: the types below are what the first ")
                .append(io.syncc.runtime.files.FileTables.SAMPLE_ROWS).append(" records show.\n")
                .append("// Check them, then: syncc run ").append(folder.relativize(out)).append("\n\n").append(datasources).append('\n');
        text.append("job ").append(job).append(" {\n  source ").append(files).append('.').append(Name.written(table)).append(" {\n    columns {\n");
        int width = info.columns().stream().mapToInt(c -> Name.written(c.name()).length() + 1 + c.typeName().length()).max().orElse(0);
        for (ColumnInfo c : info.columns()) {
            String decl = Name.written(c.name()) + " " + c.typeName();
            String why = c.comment() == null ? "" : c.comment().replaceFirst("^inferred: ", "");
            text.append("      ").append(decl).append(" ".repeat(Math.max(1, width - decl.length() + 2))).append("// ").append(why).append('\n');
        }
        text.append("    }\n  }\n  sink ").append(warehouse).append('.').append(Name.written(table)).append(" {\n    create if missing\n  }\n")
                .append("  map by name { }\n}\n");
        Files.writeString(out, text, StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + Project.display(out) + ": job " + job + ", " + info.columns().size() + " columns from "
                + data + "; check the types, then `syncc run " + Project.display(out) + "`");
        return 0;
    }

    /**
     * {@code syncc guess DATASOURCE.TABLE}: a job copying a table of a datasource declared in the
     * output folder's files into a new sink table with the same columns, key and NOT NULL.
     */
    private int guessTable(String ref) throws IOException {
        String[] parts = ref.split("\\.");
        String dsName = parts[0];
        String table = parts[parts.length - 1];
        String job = identifier(table);
        Optional<Path> target = target(job);
        if (target.isEmpty()) {
            return 2;
        }
        Path out = target.get();
        Path folder = out.getParent();
        try (LiveCatalog live = new LiveCatalog(Path.of("").toAbsolutePath())) {
            Workspace.Parsed parsed = new Workspace(folder, live).parse();
            DatasourcePlan ds = parsed.datasources().get(dsName.toLowerCase(Locale.ROOT));
            if (ds == null) {
                return fail("no datasource '" + dsName + "' is declared in the .sync files of " + Project.display(folder)
                        + "; declare it there (the job is written beside it), or guess from a file");
            }
            java.util.List<Name> names = java.util.Arrays.stream(parts).skip(1).map(p -> new Name(p, false, NOWHERE)).toList();
            Optional<String[]> resolved = io.syncc.compiler.check.TableNames.of(names, ds);
            if (resolved.isEmpty()) {
                return fail(ref + ": a table is named DATASOURCE.TABLE or DATASOURCE.SCHEMA.TABLE");
            }
            try (var embedded = new EmbeddedScope(io.syncc.compiler.workspace.EmbeddedDatabase.startIfNeeded(parsed.files().values(),
                    Path.of("").toAbsolutePath(), d -> spec.commandLine().getErr().println("starting the embedded PostgreSQL ...")))) {
                Optional<TableInfo> info = live.table(ds, resolved.get()[0], resolved.get()[1]);
                if (info.isEmpty()) {
                    return fail("datasource '" + ds.name() + "' has no table " + ref.substring(dsName.length() + 1)
                            + io.syncc.compiler.diag.Suggestions.didYouMean(table, live.tables(ds, resolved.get()[0])));
                }
                Set<String> taken = declaredDatasources(parsed, out);
                String warehouse = unique("warehouse", taken);
                // into the same database (both embedded, or --sink-url the source's), a table of the same
                // name would be the source itself: the copy gets a name of its own
                String sinkTable = table;
                if (ds instanceof io.syncc.runtime.plan.PostgresDatasourcePlan p && java.util.Objects.equals(p.url(), sinkUrl)
                        && "public".equals(resolved.get()[0])) { // the unqualified sink's schema (TableNames)
                    Set<String> tables = new java.util.HashSet<>(live.tables(ds, "public"));
                    sinkTable = unique(table + "_copy", tables);
                }
                StringBuilder text = new StringBuilder();
                text.append("// Written by `syncc guess ").append(ref).append("`: a copy of ").append(info.get().qualifiedName())
                        .append(" into a new table with the same columns, key and NOT NULL.\n")
                        .append("// Check it, then: syncc run ").append(folder.relativize(out)).append("\n\n")
                        .append(sinkDatasource(warehouse)).append('\n');
                text.append("job ").append(job).append(" {\n  source ").append(ds.name()).append('.')
                        .append(String.join(".", java.util.Arrays.stream(parts).skip(1).map(Name::written).toList())).append("\n");
                text.append("  // columns: ").append(String.join(", ", info.get().columns().stream().map(c -> c.name() + " " + c.typeName()
                        + (c.nullable() ? "" : " not null") + (c.keyPosition() > 0 ? " (key)" : "")).toList())).append('\n');
                text.append("  sink ").append(warehouse).append('.').append(Name.written(sinkTable)).append(" {\n    create if missing\n  }\n")
                        .append("  map by name { }\n}\n");
                Files.writeString(out, text, StandardCharsets.UTF_8);
                spec.commandLine().getOut().println("wrote " + Project.display(out) + ": job " + job + ", " + info.get().columns().size()
                        + " columns of " + ref + "; check it, then `syncc run " + Project.display(out) + "`");
                return 0;
            }
        } catch (MetadataException e) {
            return fail("cannot read " + ref + ": " + e.getMessage());
        }
    }

    /** The file to write ({@code -o}, else JOB.sync here), its folder made; empty (after saying why) when it exists already. */
    private Optional<Path> target(String job) throws IOException {
        Path out = (output != null ? output : Path.of(job + ".sync")).toAbsolutePath().normalize();
        if (Files.exists(out) && !force) {
            fail(out + " exists; choose another with -o FILE, or --force to overwrite it");
            return Optional.empty();
        }
        Files.createDirectories(out.getParent());
        return Optional.of(out);
    }

    private static final io.syncc.compiler.diag.SourceRange NOWHERE = new io.syncc.compiler.diag.SourceRange("", 1, 1, 1, 1, 0, 0);

    /** Closes the embedded server a guess started (if it started one). */
    private record EmbeddedScope(Optional<io.syncc.runtime.embedded.EmbeddedServer> server) implements AutoCloseable {
        @Override
        public void close() {
            server.ifPresent(io.syncc.runtime.embedded.EmbeddedServer::close);
        }
    }

    private String sinkDatasource(String warehouse) {
        return "datasource " + warehouse + " {\n  type postgres\n"
                + (sinkUrl == null ? "  url embedded                // syncc's own PostgreSQL; or url \"jdbc:postgresql://host:5432/db\", user, password env(\"PGPASSWORD\")\n"
                : "  url \"" + sinkUrl.replace("\"", "\\\"") + "\"\n  // user \"...\"  password env(\"PGPASSWORD\")\n") + "}\n";
    }

    /** The table's columns as the file datasource infers them (types and why), through the real connector. */
    private static TableInfo inferred(Workspace ws, LiveCatalog live, Path out, String datasources, String files, String table)
            throws MetadataException {
        ws.open(out.toUri(), datasources, 0);
        DatasourcePlan plan = ws.parse().datasources().get(files);
        if (plan == null) {
            throw new MetadataException("the datasource could not be planned");
        }
        return live.table(plan, null, table).orElseThrow(() -> new MetadataException("no table " + table));
    }

    private static Optional<String> formatOf(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (var s = Files.walk(p)) {
                return s.filter(Files::isRegularFile).map(GuessCommand::formatOfFile).flatMap(Optional::stream).findFirst();
            }
        }
        return formatOfFile(p);
    }

    private static Optional<String> formatOfFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        return n.endsWith(".csv") ? Optional.of("csv") : n.endsWith(".jsonl") || n.endsWith(".ndjson") ? Optional.of("jsonl") : Optional.empty();
    }

    /** The table a file is, as the language names it: the file name without its extensions. */
    private static String tableName(Path p) {
        String n = p.getFileName().toString();
        return Files.isDirectory(p) ? n : n.replaceFirst("(?i)\\.gz$", "").replaceFirst("(?i)\\.(csv|jsonl|ndjson)$", "");
    }

    /** A job name from a file name: letters, digits and _, not starting with a digit. */
    private static String identifier(String s) {
        String id = s.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "t_" + id : id;
    }

    /** The datasource names the folder's other files declare (the written file's own are not there yet, or are replaced). */
    private static Set<String> declaredDatasources(Workspace.Parsed parsed, Path out) {
        Set<String> names = new HashSet<>();
        parsed.files().forEach((uri, f) -> {
            if (!uri.equals(out.toUri())) {
                f.datasources().forEach(d -> names.add(d.name().key()));
            }
        });
        return names;
    }

    private static String unique(String base, Set<String> taken) {
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + i;
        }
        return name;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("error: " + message);
        return 2;
    }
}
