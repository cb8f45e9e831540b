package io.syncc.runtime.files;

import io.syncc.runtime.csv.DataFiles;
import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.plan.Partitioning;
import io.syncc.runtime.spi.SyncException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Partitioned file datasets in the Hive layout, as Spark, Hive, MaxCompute exports and DataWorks
 * write them: a table folder whose sub-folders are {@code key=value}, one level per key, the data
 * files at the bottom ({@code odps_table/sale_date=20260101/sale_time=10/part-0.csv}). The keys
 * become columns of the table. Values are unescaped as Hive escapes them ({@code %2F} is {@code /});
 * {@code __HIVE_DEFAULT_PARTITION__} is NULL. Every data file must sit under the same keys in the
 * same order, or the layout is refused (naming the first file that differs): guessing which files
 * belong would read some rows with the wrong partition values.
 */
public final class Partitions {

    /** Hive's folder name for a NULL partition value. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private static final Pattern PARAM = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z_0-9]*)}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private Partitions() {
    }

    /** A data file of a table with its partition values (in key order; a value may be null). */
    public record PartitionedFile(Path path, List<String> values) {
        public PartitionedFile {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** The keys of a table folder and its data files; no keys when the folder is not partitioned. */
    public record Layout(List<String> keys, List<PartitionedFile> files) {
        public Layout {
            keys = List.copyOf(keys);
            files = List.copyOf(files);
        }

        /** The distinct partitions, each as its values, in folder order. */
        public List<List<String>> partitions() {
            Map<List<String>, Boolean> seen = new LinkedHashMap<>();
            for (PartitionedFile f : files) {
                seen.put(f.values(), true);
            }
            return List.copyOf(seen.keySet());
        }
    }

    /** The layout of a table folder (its data files as {@link DataFiles} lists them). */
    public static Layout scan(Path folder) throws IOException {
        List<Path> files = DataFiles.list(folder);
        List<List<String>> keysOf = new ArrayList<>();
        List<List<String>> valuesOf = new ArrayList<>();
        boolean partitioned = false;
        for (Path f : files) {
            Path parent = folder.relativize(f).getParent();
            List<String> k = new ArrayList<>();
            List<String> v = new ArrayList<>();
            for (Path part : parent == null ? List.<Path>of() : parent) {
                String name = part.toString();
                int eq = name.indexOf('=');
                if (eq <= 0) {
                    k = null; // a plain sub-folder (Spark and Hadoop write some): not a partition
                    break;
                }
                k.add(unescape(name.substring(0, eq)));
                String value = name.substring(eq + 1);
                v.add(value.equals(NULL_PARTITION) ? null : unescape(value));
            }
            partitioned |= k != null && !k.isEmpty();
            keysOf.add(k);
            valuesOf.add(v);
        }
        List<PartitionedFile> out = new ArrayList<>();
        if (!partitioned) {
            files.forEach(f -> out.add(new PartitionedFile(f, List.of())));
            return new Layout(List.of(), out);
        }
        List<String> keys = null;
        Path first = null;
        for (int i = 0; i < files.size(); i++) {
            List<String> k = keysOf.get(i);
            if (keys == null && k != null && !k.isEmpty()) {
                keys = k;
                first = files.get(i);
            }
        }
        for (int i = 0; i < files.size(); i++) {
            if (!keys.equals(keysOf.get(i))) {
                throw SyncException.configuration("the partitions of " + folder + " are not laid out alike: "
                        + folder.relativize(first) + " is under " + layoutOf(keys) + " but " + folder.relativize(files.get(i)) + " under "
                        + layoutOf(keysOf.get(i)) + " (every data file must be in key=value folders of the same keys, in the same order)");
            }
            out.add(new PartitionedFile(files.get(i), valuesOf.get(i)));
        }
        if (new TreeSet<>(keys).size() != keys.size()) {
            throw SyncException.configuration("the partitions of " + folder + " repeat a key: " + String.join("/", keys));
        }
        return new Layout(keys, out);
    }

    private static String layoutOf(List<String> keys) {
        return keys == null ? "a folder that is not key=value" : keys.isEmpty() ? "no partition folder"
                : String.join("=.../", keys) + "=...";
    }

    /** Hive's escaping of partition names: {@code %XX} is the byte XX (UTF-8). */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /**
     * The partition columns of a layout, typed by what their values hold (as file columns are: a
     * value with a leading zero keeps text), each explained in its comment.
     */
    public static List<ColumnMeta> columns(Layout layout) {
        List<ColumnMeta> out = new ArrayList<>();
        List<List<String>> partitions = layout.partitions();
        for (int i = 0; i < layout.keys().size(); i++) {
            TypeVotes votes = new TypeVotes();
            boolean nulls = false;
            for (List<String> p : partitions) {
                String v = p.get(i);
                if (v == null) {
                    nulls = true;
                } else {
                    votes.addText(v);
                }
            }
            var type = votes.type();
            out.add(new ColumnMeta(layout.keys().get(i), type.sql(), type, true, false, 0,
                    "partition key (" + partitions.size() + " partition" + (partitions.size() == 1 ? "" : "s")
                            + (nulls ? ", some NULL" : "") + "); " + votes.explain()));
        }
        return out;
    }

    /**
     * The files of the partitions the filters select, with {@code ${param}} references in the
     * filters' values replaced by the run's values.
     *
     * @throws SyncException when a filter names no key of the layout, or nothing matches and
     *                       {@code allowEmpty} is false (the message lists some partitions that exist)
     */
    public static List<PartitionedFile> select(Layout layout, Partitioning partitioning, Map<String, String> params, String table) {
        List<Partitioning.Filter> filters = new ArrayList<>();
        for (Partitioning.Filter f : partitioning.filters()) {
            List<String> values = f.values().stream().map(v -> substitute(v, params)).toList();
            filters.add(new Partitioning.Filter(f.key(), f.op(), values));
        }
        int[] index = new int[filters.size()];
        for (int i = 0; i < filters.size(); i++) {
            index[i] = layout.keys().indexOf(filters.get(i).key());
            if (index[i] < 0) {
                throw SyncException.configuration(table + " has no partition key " + filters.get(i).key() + " (its keys: "
                        + (layout.keys().isEmpty() ? "none, it is not partitioned" : String.join(", ", layout.keys())) + ")");
            }
        }
        List<PartitionedFile> out = new ArrayList<>();
        for (PartitionedFile file : layout.files()) {
            boolean all = true;
            for (int i = 0; i < filters.size() && all; i++) {
                all = matches(filters.get(i), file.values().get(index[i]));
            }
            if (all) {
                out.add(file);
            }
        }
        if (out.isEmpty() && !partitioning.allowEmpty() && !filters.isEmpty()) {
            List<List<String>> existing = layout.partitions();
            StringBuilder some = new StringBuilder();
            for (int i = 0; i < Math.min(5, existing.size()); i++) {
                some.append(i == 0 ? "" : ", ").append(name(layout.keys(), existing.get(i)));
            }
            throw SyncException.configuration("partition " + describe(filters) + " matches none of the " + existing.size()
                    + " partitions of " + table + (existing.isEmpty() ? "" : " (" + some + (existing.size() > 5 ? ", ..." : "") + ")")
                    + "; add `allow empty` to the source to run with no rows instead");
        }
        return out;
    }

    /** {@code sale_date=20260101/sale_time=10}. */
    public static String name(List<String> keys, List<String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : "/").append(keys.get(i)).append('=').append(values.get(i) == null ? NULL_PARTITION : values.get(i));
        }
        return b.toString();
    }

    /** The filters as written, with the run's values: {@code sale_date = "20260101", sale_time in ("10", "11")}. */
    public static String describe(List<Partitioning.Filter> filters) {
        StringBuilder b = new StringBuilder();
        for (Partitioning.Filter f : filters) {
            b.append(b.length() == 0 ? "" : ", ").append(f.key());
            List<String> q = f.values().stream().map(v -> "\"" + v + "\"").toList();
            switch (f.op()) {
                case EQUALS -> b.append(" = ").append(q.get(0));
                case IN -> b.append(" in (").append(String.join(", ", q)).append(')');
                case BETWEEN -> b.append(" between ").append(q.get(0)).append(" and ").append(q.get(1));
            }
        }
        return b.toString();
    }

    static boolean matches(Partitioning.Filter f, String value) {
        if (value == null) {
            return false; // NULL partitions match no condition (like SQL); no filter reads them
        }
        return switch (f.op()) {
            case EQUALS, IN -> f.values().stream().anyMatch(v -> glob(v, value));
            case BETWEEN -> compare(f.values().get(0), value) <= 0 && compare(value, f.values().get(1)) <= 0;
        };
    }

    /** As numbers when both are integers (so 9 is before 10), else as text. */
    static int compare(String a, String b) {
        if (INTEGER.matcher(a).matches() && INTEGER.matcher(b).matches()) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return a.compareTo(b);
    }

    /** Whether {@code value} matches {@code pattern}, where {@code *} is any text and {@code ?} one character. */
    public static boolean glob(String pattern, String value) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return pattern.equals(value);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    /**
     * A file datasource's path with {@code ${parameters}} ({@code data/${bizdate}}) as {@code check}
     * sees it: the last existing path (in name order, element by element) that matches with every
     * parameter as {@code *}; the path unchanged when it has none, or when nothing matches.
     */
    public static java.nio.file.Path newest(String template) {
        if (!template.contains("${")) {
            return java.nio.file.Path.of(template);
        }
        java.nio.file.Path t = java.nio.file.Path.of(template);
        java.nio.file.Path at = t.getRoot() == null ? java.nio.file.Path.of("") : t.getRoot();
        for (java.nio.file.Path part : t) {
            String name = part.toString();
            if (!name.contains("${")) {
                at = at.resolve(name);
                continue;
            }
            String glob = asGlob(name);
            java.nio.file.Path dir = at.toString().isEmpty() ? java.nio.file.Path.of(".") : at;
            try (java.util.stream.Stream<java.nio.file.Path> list = java.nio.file.Files.list(dir)) {
                java.util.Optional<String> last = list.map(p -> p.getFileName().toString()).filter(n -> glob(glob, n))
                        .max(String::compareTo);
                if (last.isEmpty()) {
                    return t;
                }
                at = at.resolve(last.get());
            } catch (IOException e) {
                return t;
            }
        }
        return at;
    }

    /** A name with {@code ${parameters}} as the glob of every name it can become: {@code orders_${bizdate}} is {@code orders_*}. */
    public static String asGlob(String template) {
        return PARAM.matcher(template).replaceAll("*");
    }

    /** {@code ${name}} references replaced by the run's values. */
    public static String substitute(String template, Map<String, String> params) {
        Matcher m = PARAM.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = params.get(m.group(1));
            if (v == null) {
                throw SyncException.configuration("parameter ${" + m.group(1) + "} has no value (pass -p " + m.group(1) + "=VALUE)");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
