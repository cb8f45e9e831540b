package io.syncc.runtime.jsonl;

import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.spi.SyncException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncc.runtime.plan.JsonlDatasourcePlan;
import io.syncc.runtime.files.FileTables;
import io.syncc.runtime.files.TypeVotes;
import io.syncc.runtime.types.SqlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Columns of a JSON Lines table, from its first 1,000 objects: every key met, in the order first
 * met, typed by the values seen — integers, numbers, booleans, ISO dates and timestamps in
 * strings, objects and arrays ({@code jsonb}); mixed or only null values are {@code text}.
 */
public final class JsonlMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlMetadata() {
    }

    /** The tables of a JSON Lines datasource. */
    public static FileTables of(JsonlDatasourcePlan ds) {
        return new FileTables(ds, List.of(ds.extension()), JsonlMetadata::columns);
    }

    private static void add(TypeVotes votes, JsonNode v) {
        if (v.isNull()) {
            return;
        }
        votes.add(v.isIntegralNumber() && v.canConvertToInt(), v.isIntegralNumber() && v.canConvertToLong(), v.isNumber(),
                v.isBoolean(), v.isTextual() ? v.textValue() : null, v.isContainerNode(), v.isTextual() ? v.textValue() : v.toString());
    }

    /** The columns of one file: every key of its first objects, typed by their values. */
    static List<ColumnMeta> columns(Path file) {
        Map<String, TypeVotes> keys = new LinkedHashMap<>();
        int objects = 0;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(io.syncc.runtime.files.FileInput.stream(file), StandardCharsets.UTF_8))) {
            String line;
            while (objects < FileTables.SAMPLE_ROWS && (line = r.readLine()) != null) {
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
                    add(keys.computeIfAbsent(e.getKey(), k -> new TypeVotes()), e.getValue());
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
        for (Map.Entry<String, TypeVotes> e : keys.entrySet()) {
            SqlType t = e.getValue().type();
            columns.add(new ColumnMeta(e.getKey(), t.sql(), t, true, false, 0, "inferred: " + e.getValue().explain()));
        }
        return columns;
    }
}
