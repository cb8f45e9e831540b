package io.syncc.runtime.spi;

import io.syncc.runtime.plan.SecretRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one {@code datasource} block, handed to its connector's
 * {@link Connector#plan(DatasourceSettings)}: the values by key (without {@code type}), the folder
 * relative paths are resolved against, and the problems the connector reports. The typed readers
 * report a value of the wrong form themselves, so every connector words them alike.
 *
 * <p>Not thread-safe: one checker fills and reads it.
 */
public final class DatasourceSettings {

    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d{1,12})\\s*(B|KB|K|MB|M|GB|G)?\\s*");

    private final String name;
    private final String type;
    private final Map<String, SettingValue> values;
    private final Path baseDir;
    private final List<SettingProblem> problems = new ArrayList<>();

    /**
     * @param name    the datasource's declared name
     * @param type    its type, lower case
     * @param values  its settings by lower-case key, without {@code type}
     * @param baseDir the folder of the declaring {@code .sync} file
     */
    public DatasourceSettings(String name, String type, Map<String, SettingValue> values, Path baseDir) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public Path baseDir() {
        return baseDir;
    }

    public Optional<SettingValue> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** What was reported, in order. */
    public List<SettingProblem> problems() {
        return List.copyOf(problems);
    }

    /** Whether no error was reported (warnings allowed). */
    public boolean valid() {
        return problems.stream().noneMatch(SettingProblem::isError);
    }

    public void invalid(String key, String message) {
        problems.add(new SettingProblem(key, SettingProblem.Kind.INVALID, message));
    }

    public void missing(String key, String message) {
        problems.add(new SettingProblem(key, SettingProblem.Kind.MISSING, message));
    }

    public void secretExposed(String key, String message) {
        problems.add(new SettingProblem(key, SettingProblem.Kind.SECRET_EXPOSED, message));
    }

    // ---- typed readers ----------------------------------------------------------------------

    /** A required setting: reports it missing with {@code datasource 'x' has no KEY: write EXAMPLE}. */
    public Optional<SettingValue> require(String key, String example) {
        SettingValue v = values.get(key);
        if (v == null) {
            missing(key, "datasource '" + name + "' has no " + key + ": write " + example);
        }
        return Optional.ofNullable(v);
    }

    /** A quoted string, or empty (reported when present in another form). */
    public Optional<String> text(String key, String expected) {
        SettingValue v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof SettingValue.Text t) {
            return Optional.of(t.text());
        }
        invalid(key, key + " must be " + expected);
        return Optional.empty();
    }

    /** A path as a quoted string, made absolute against the declaring file's folder; required. */
    public Optional<String> path(String key, String example) {
        if (require(key, example).isEmpty()) {
            return Optional.empty();
        }
        return text(key, "a string").map(p -> baseDir.resolve(p).toAbsolutePath().normalize().toString());
    }

    /** {@code true} or {@code false}; the fallback when absent or invalid (invalid is reported). */
    public boolean bool(String key, boolean fallback) {
        SettingValue v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof SettingValue.Word w && (w.word().equalsIgnoreCase("true") || w.word().equalsIgnoreCase("false"))) {
            return w.word().equalsIgnoreCase("true");
        }
        invalid(key, key + " must be true or false");
        return fallback;
    }

    /** One ASCII character in quotes other than a line break; the fallback when absent, empty when invalid (reported). */
    public Optional<Character> asciiChar(String key, char fallback) {
        SettingValue v = values.get(key);
        if (v == null) {
            return Optional.of(fallback);
        }
        if (v instanceof SettingValue.Text t && t.text().length() == 1 && t.text().charAt(0) < 128
                && t.text().charAt(0) != '\n' && t.text().charAt(0) != '\r') {
            return Optional.of(t.text().charAt(0));
        }
        invalid(key, key + " must be one ASCII character in quotes, e.g. \",\" or \"\\t\"");
        return Optional.empty();
    }

    /**
     * A size in bytes: {@code 1048576}, {@code "512KB"}, {@code "16 MB"}, {@code "1GB"} (units of 1024).
     *
     * @return the size, or empty when absent or not of that form (not reported: the caller knows the range)
     */
    public OptionalLong size(String key) {
        SettingValue v = values.get(key);
        return v == null ? OptionalLong.empty() : byteSize(v);
    }

    /** Parses a size written as a number or a string with a unit; empty when it is not one. */
    public static OptionalLong byteSize(SettingValue v) {
        String text = v instanceof SettingValue.Text s ? s.text() : v instanceof SettingValue.Number n ? n.text() : null;
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        return n > (Long.MAX_VALUE >> shift) ? OptionalLong.empty() : OptionalLong.of(n << shift);
    }

    /**
     * Where a credential is read at run time: {@code env("VAR")}, {@code file("path")} (relative to
     * the declaring file) or a literal. A literal secret is warned about; a word is accepted only
     * for a non-secret.
     *
     * @return the reference, or {@code null} when absent or invalid (reported)
     */
    public SecretRef credential(String key, boolean secret) {
        SettingValue v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof SettingValue.Env e) {
            return new SecretRef(SecretRef.Kind.ENV, e.variable());
        }
        if (v instanceof SettingValue.FileRef f) {
            return new SecretRef(SecretRef.Kind.FILE, baseDir.resolve(f.path()).toAbsolutePath().normalize().toString());
        }
        if (v instanceof SettingValue.Text t) {
            if (secret) {
                problems.add(new SettingProblem(key, SettingProblem.Kind.LITERAL_SECRET, "a literal " + key
                        + " is a secret in a text file; write " + key + " env(\"VAR\") or " + key + " file(\"path\")"
                        + " (a job with a literal " + key + " cannot be compiled to a jar)"));
            }
            return new SecretRef(SecretRef.Kind.LITERAL, t.text());
        }
        if (v instanceof SettingValue.Word w && !secret) {
            return new SecretRef(SecretRef.Kind.LITERAL, w.word());
        }
        invalid(key, key + " must be a string, env(\"VAR\") or file(\"path\")");
        return null;
    }
}
