package io.syncc.runtime.jsonl;

import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.meta.TableMeta;
import io.syncc.runtime.plan.FileDatasourcePlan;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.csv.CsvMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.runtime.plan.JsonlDatasourcePlan;
import io.syncc.runtime.types.SqlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Columns of a JSON Lines table, from its first 1,000 objects: every key met, in the order first
 * met, typed by the values seen — integers, numbers, booleans, ISO dates and timestamps in
 * strings, objects and arrays ({@code jsonb}); mixed or only null values are {@code text}.
 */
public final class JsonlMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    private final CsvMetadata files = new CsvMetadata();

    public Optional<TableMeta> table(JsonlDatasourcePlan ds, String table) {
        Optional<Path> found = files.locate(ds, table);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path first = CsvMetadata.firstFile(found.get())
                .orElseThrow(() -> SyncException.configurationOf("folder " + found.get() + " holds no data file"));
        String name = Files.isRegularFile(Path.of(ds.path())) ? found.get().getFileName().toString()
                : Path.of(ds.path()).relativize(found.get()).toString();
        return Optional.of(new TableMeta(null, name, infer(first)));
    }

    public List<String> tables(JsonlDatasourcePlan ds) {
        return files.tables(ds);
    }

    /** What the values of one key were. */
    private static final class Seen {
        boolean integer = true;
        boolean bigint = true;
        boolean number = true;
        boolean bool = true;
        boolean date = true;
        boolean timestamp = true;
        boolean container = true;
        int values;

        void add(JsonNode v) {
            if (v.isNull()) {
                return;
            }
            values++;
            integer &= v.isIntegralNumber() && v.canConvertToInt();
            bigint &= v.isIntegralNumber() && v.canConvertToLong();
            number &= v.isNumber();
            bool &= v.isBoolean();
            String s = v.isTextual() ? v.textValue() : null;
            date &= s != null && DATE.matcher(s).matches();
            timestamp &= s != null && (TIMESTAMP.matcher(s).matches() || DATE.matcher(s).matches());
            container &= v.isContainerNode();
        }

        SqlType type() {
            if (values == 0) {
                return SqlType.of(SqlType.Kind.TEXT);
            }
            if (integer) {
                return SqlType.of(SqlType.Kind.INTEGER);
            }
            if (bigint) {
                return SqlType.of(SqlType.Kind.BIGINT);
            }
            if (number) {
                return SqlType.of(SqlType.Kind.DOUBLE);
            }
            if (bool) {
                return SqlType.of(SqlType.Kind.BOOLEAN);
            }
            if (date) {
                return SqlType.of(SqlType.Kind.DATE);
            }
            if (timestamp) {
                return SqlType.of(SqlType.Kind.TIMESTAMP);
            }
            if (container) {
                return SqlType.of(SqlType.Kind.JSONB);
            }
            return SqlType.of(SqlType.Kind.TEXT);
        }
    }

    private static List<ColumnMeta> infer(Path file) {
        Map<String, Seen> keys = new LinkedHashMap<>();
        int objects = 0;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (objects < CsvMetadata.SAMPLE_ROWS && (line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a bad line is a dirty row at run time; the others describe the table
                }
                if (!node.isObject()) {
                    continue;
                }
                objects++;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    keys.computeIfAbsent(e.getKey(), k -> new Seen()).add(e.getValue());
                }
            }
        } catch (SyncException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw SyncException.configurationOf("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (objects == 0) {
            throw SyncException.configurationOf("file " + file + " holds no JSON object in its first " + lineNo + " lines");
        }
        List<ColumnMeta> columns = new ArrayList<>();
        for (Map.Entry<String, Seen> e : keys.entrySet()) {
            SqlType t = e.getValue().type();
            columns.add(new ColumnMeta(e.getKey(), t.sql(), t, true, false, 0));
        }
        return columns;
    }
}
