package io.syncc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.catalog.Catalog;
import io.syncc.compiler.catalog.ColumnInfo;
import io.syncc.compiler.catalog.TableInfo;
import io.syncc.compiler.check.CheckedJob;
import io.syncc.compiler.check.ProjectChecker;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.parse.SyncSourceParser;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.types.SqlType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wide table's generated code stays in methods HotSpot compiles: none over the 8,000 bytes of
 * bytecode of {@code -XX:HugeMethodLimit} (a method over it is interpreted for every row). 400
 * columns of a CSV file of every inferred type, with a default on every tenth, into a PostgreSQL
 * table; the sizes are read from the class files with the JDK's javap.
 */
class WideTableCodeTest {

    private static final int HUGE_METHOD_LIMIT = 8000;
    private static final List<SqlType> TYPES = List.of(SqlType.of(SqlType.Kind.INTEGER), SqlType.of(SqlType.Kind.BIGINT),
            new SqlType(SqlType.Kind.NUMERIC, 12, 2), SqlType.of(SqlType.Kind.TEXT), SqlType.of(SqlType.Kind.TIMESTAMPTZ),
            SqlType.of(SqlType.Kind.DATE), SqlType.of(SqlType.Kind.DOUBLE), SqlType.of(SqlType.Kind.BOOLEAN));
    private static final int COLUMNS = 400;

    @TempDir
    Path dir;

    /** The file's columns: text-like inferred types; the table's: the types above. */
    static final class Wide implements Catalog {
        @Override
        public Optional<TableInfo> table(DatasourcePlan ds, String schema, String table) {
            List<ColumnInfo> cols = new ArrayList<>();
            for (int i = 0; i < COLUMNS; i++) {
                SqlType t = TYPES.get(i % TYPES.size());
                SqlType inFile = t.kind() == SqlType.Kind.TIMESTAMPTZ ? SqlType.of(SqlType.Kind.TIMESTAMP)
                        : t.kind() == SqlType.Kind.NUMERIC ? SqlType.of(SqlType.Kind.DOUBLE) : t;
                SqlType type = table.equals("wide") ? inFile : t;
                cols.add(new ColumnInfo("c" + i, type.sql(), type, true, false, 0, null));
            }
            return Optional.of(new TableInfo(schema, table, cols));
        }

        @Override
        public List<String> tables(DatasourcePlan ds, String schema) {
            return List.of("wide", "wide_dst");
        }
    }

    @Test
    void everyGeneratedMethodOfAFourHundredColumnJobIsSmallEnoughToCompile() throws Exception {
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < COLUMNS; i++) {
            SqlType t = TYPES.get(i % TYPES.size());
            String as = t.kind() == SqlType.Kind.TIMESTAMPTZ ? " as timestamptz" : t.kind() == SqlType.Kind.NUMERIC ? " as numeric(12,2)" : "";
            String dflt = i % 10 == 0 && t.kind() == SqlType.Kind.TEXT ? " default \"none\"" : i % 10 == 0 && t.kind() == SqlType.Kind.INTEGER ? " default 0" : "";
            map.append("    c").append(i).append(" -> c").append(i).append(as).append(dflt).append('\n');
        }
        String text = "datasource files { type csv  path \"data\" }\n"
                + "datasource pg { type postgres  url \"jdbc:postgresql://db.example/dw\"  user \"sync\"  password env(\"PW\") }\n"
                + "job wide {\n  source files.wide\n  sink pg.wide_dst { write copy }\n  map {\n" + map + "  }\n}\n";
        var parsed = SyncSourceParser.parse("wide.sync", text);
        assertEquals(List.of(), parsed.diagnostics());
        Diagnostics diagnostics = new Diagnostics();
        List<CheckedJob> jobs = new ProjectChecker(new Wide()).check(List.of(new ProjectChecker.Unit(parsed.file().orElseThrow(), dir)), diagnostics);
        assertEquals(List.of(), diagnostics.sorted());

        Map<String, byte[]> classes = InMemoryCompiler.compile(List.of(Compilation.source(jobs.get(0))));
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            Path file = dir.resolve(c.getKey() + ".class");
            Files.write(file, c.getValue());
            sizes.putAll(methodSizes(file));
        }
        sizes.forEach((method, size) -> assertTrue(size < HUGE_METHOD_LIMIT, method + " has " + size + " bytes of bytecode"));
        assertTrue(sizes.keySet().stream().anyMatch(m -> m.contains("decodeCsvColumns7(")), "400 columns in parts of 50");
    }

    /** Bytecode length of each method (the offset of its last instruction, a lower bound), from {@code javap -c -p}. */
    private static Map<String, Integer> methodSizes(Path classFile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int rc = ToolProvider.findFirst("javap").orElseThrow().run(ps, ps, "-c", "-p", classFile.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        String method = null;
        Pattern instruction = Pattern.compile("^\\s+(\\d+): ");
        for (String line : text.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("   ") && line.contains("(")) {
                method = line.strip();
            } else if (method != null) {
                Matcher m = instruction.matcher(line);
                if (m.find()) {
                    sizes.merge(method, Integer.parseInt(m.group(1)), Math::max);
                }
            }
        }
        return sizes;
    }
}
