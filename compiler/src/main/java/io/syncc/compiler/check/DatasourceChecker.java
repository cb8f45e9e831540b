package io.syncc.compiler.check;

import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.ast.DatasourceDecl.Property;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.JsonlDatasourcePlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SecretRef;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Validates a {@code datasource} block against its type and turns it into the runtime's
 * datasource description. Relative file paths are resolved against the folder of the
 * {@code .sync} file that declares them.
 */
final class DatasourceChecker {

    static final List<String> TYPES = List.of("postgres", "hologres", "csv", "jsonl");
    private static final List<String> JSONL_KEYS = List.of("type", "path");
    private static final List<String> POSTGRES_KEYS = List.of("type", "url", "user", "password");
    private static final List<String> CSV_KEYS = List.of("type", "path", "header", "delimiter", "quote", "null", "encoding",
            "max_field_size");

    /** {@code //user:password@host}: a password in the URL's user part. */
    private static final java.util.regex.Pattern URL_USER_PASSWORD = java.util.regex.Pattern.compile("//[^/@:?#]*:[^/@?#]*@");

    private final Diagnostics diagnostics;

    DatasourceChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Optional<DatasourcePlan> check(DatasourceDecl decl, Path baseDir) {
        Map<String, Property> props = new LinkedHashMap<>();
        for (Property p : decl.properties()) {
            String key = p.key().key();
            if (props.containsKey(key)) {
                diagnostics.error(Code.DUPLICATE_SETTING, p.key().range(), "property '" + key + "' is given twice in datasource '"
                        + decl.name().text() + "'");
            }
            props.putIfAbsent(key, p);
        }
        Property type = props.get("type");
        if (type == null) {
            diagnostics.error(Code.MISSING_PROPERTY, decl.name().range(),
                    "datasource '" + decl.name().text() + "' has no type", TYPES.stream().map(t -> "type " + t).toList());
            return Optional.empty();
        }
        String typeName = word(type).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!TYPES.contains(typeName)) {
            diagnostics.error(Code.BAD_DATASOURCE, type.value().range(), "unknown datasource type " + type.value().display()
                    + "; expected postgres, hologres, csv or jsonl", TYPES);
            return Optional.empty();
        }
        List<String> allowed = typeName.equals("csv") ? CSV_KEYS : typeName.equals("jsonl") ? JSONL_KEYS : POSTGRES_KEYS;
        for (Property p : props.values()) {
            if (!allowed.contains(p.key().key())) {
                diagnostics.error(Code.UNKNOWN_PROPERTY, p.key().range(), "unknown property '" + p.key().text()
                        + "' for a " + typeName + " datasource" + Suggestions.didYouMean(p.key().text(), allowed)
                        + "; expected one of " + String.join(", ", allowed), allowed);
            }
        }
        return switch (typeName) {
            case "csv" -> csv(decl, props, baseDir);
            case "jsonl" -> jsonl(decl, props, baseDir);
            default -> postgres(decl, typeName, props, baseDir);
        };
    }

    private Optional<DatasourcePlan> postgres(DatasourceDecl decl, String flavor, Map<String, Property> props, Path baseDir) {
        String name = decl.name().text();
        Property url = props.get("url");
        String jdbcUrl = null;
        boolean ok = true;
        if (url == null) {
            diagnostics.error(Code.MISSING_PROPERTY, decl.name().range(), "datasource '" + name
                    + "' has no url: write url \"jdbc:postgresql://host:5432/db\" or url embedded");
            ok = false;
        } else if (url.value() instanceof DatasourceDecl.WordValue w && w.word().equalsIgnoreCase("embedded")) {
            jdbcUrl = null;
        } else if (url.value() instanceof DatasourceDecl.StringValue s) {
            if (!s.value().startsWith("jdbc:postgresql:")) {
                diagnostics.error(Code.BAD_DATASOURCE, s.range(), "url must start with jdbc:postgresql: (or be the word embedded)");
                ok = false;
            } else if (s.value().toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*") || URL_USER_PASSWORD.matcher(s.value()).find()) {
                diagnostics.error(Code.LITERAL_PASSWORD, s.range(),
                        "the url holds a password; remove it and write password env(\"VAR\") or password file(\"path\")");
                ok = false;
            }
            jdbcUrl = s.value();
        } else {
            diagnostics.error(Code.BAD_DATASOURCE, url.value().range(), "url must be a string \"jdbc:postgresql://...\" or the word embedded");
            ok = false;
        }
        SecretRef user = secret(props.get("user"), false, baseDir);
        SecretRef password = secret(props.get("password"), true, baseDir);
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new PostgresDatasourcePlan(name, flavor, jdbcUrl, user, password, Map.of()));
    }

    /** A file(...) path is relative to the declaring file's folder (the path is not a secret; its contents are). */
    private SecretRef secret(Property p, boolean isPassword, Path baseDir) {
        if (p == null) {
            return null;
        }
        DatasourceDecl.Value v = p.value();
        if (v instanceof DatasourceDecl.EnvValue e) {
            return new SecretRef(SecretRef.Kind.ENV, e.variable());
        }
        if (v instanceof DatasourceDecl.FileValue f) {
            return new SecretRef(SecretRef.Kind.FILE, baseDir.resolve(f.path()).toAbsolutePath().normalize().toString());
        }
        if (v instanceof DatasourceDecl.StringValue s) {
            if (isPassword) {
                diagnostics.warning(Code.LITERAL_PASSWORD, s.range(), "a literal password is a secret in a text file;"
                        + " write password env(\"VAR\") or password file(\"path\") (a job with a literal password cannot be compiled to a jar)");
            }
            return new SecretRef(SecretRef.Kind.LITERAL, s.value());
        }
        if (v instanceof DatasourceDecl.WordValue w && !isPassword) {
            return new SecretRef(SecretRef.Kind.LITERAL, w.word());
        }
        diagnostics.error(Code.BAD_DATASOURCE, v.range(), (isPassword ? "password" : "user")
                + " must be a string, env(\"VAR\") or file(\"path\")");
        return null;
    }

    /** {@code type jsonl  path "folder/or/file.jsonl"}: JSON Lines, UTF-8. */
    private Optional<DatasourcePlan> jsonl(DatasourceDecl decl, Map<String, Property> props, Path baseDir) {
        String name = decl.name().text();
        Property path = props.get("path");
        if (path == null) {
            diagnostics.error(Code.MISSING_PROPERTY, decl.name().range(), "datasource '" + name
                    + "' has no path: write path \"folder/or/file.jsonl\"");
            return Optional.empty();
        }
        if (!(path.value() instanceof DatasourceDecl.StringValue s)) {
            diagnostics.error(Code.BAD_DATASOURCE, path.value().range(), "path must be a string");
            return Optional.empty();
        }
        return Optional.of(new JsonlDatasourcePlan(name, baseDir.resolve(s.value()).toAbsolutePath().normalize().toString()));
    }

    private Optional<DatasourcePlan> csv(DatasourceDecl decl, Map<String, Property> props, Path baseDir) {
        String name = decl.name().text();
        Property path = props.get("path");
        boolean ok = true;
        String resolved = null;
        if (path == null) {
            diagnostics.error(Code.MISSING_PROPERTY, decl.name().range(), "datasource '" + name
                    + "' has no path: write path \"folder/or/file.csv\"");
            ok = false;
        } else if (path.value() instanceof DatasourceDecl.StringValue s) {
            resolved = baseDir.resolve(s.value()).toAbsolutePath().normalize().toString();
        } else {
            diagnostics.error(Code.BAD_DATASOURCE, path.value().range(), "path must be a string");
            ok = false;
        }
        boolean header = true;
        Property h = props.get("header");
        if (h != null) {
            Optional<String> w = word(h);
            if (w.isPresent() && (w.get().equalsIgnoreCase("true") || w.get().equalsIgnoreCase("false"))) {
                header = w.get().equalsIgnoreCase("true");
            } else {
                diagnostics.error(Code.BAD_DATASOURCE, h.value().range(), "header must be true or false");
                ok = false;
            }
        }
        Character delimiter = singleChar(props.get("delimiter"), ',');
        Character quote = singleChar(props.get("quote"), '"');
        String nullMarker = "";
        Property n = props.get("null");
        if (n != null) {
            if (n.value() instanceof DatasourceDecl.StringValue s) {
                nullMarker = s.value();
            } else {
                diagnostics.error(Code.BAD_DATASOURCE, n.value().range(), "null must be a string, e.g. null \"\\\\N\"");
                ok = false;
            }
        }
        String encoding = "UTF-8";
        Property e = props.get("encoding");
        if (e != null) {
            Optional<String> cs = e.value() instanceof DatasourceDecl.StringValue s ? Optional.of(s.value()) : word(e);
            if (cs.isEmpty() || !supportedCharset(cs.get())) {
                diagnostics.error(Code.BAD_DATASOURCE, e.value().range(), "encoding " + e.value().display()
                        + " is not a supported ASCII-compatible character set (e.g. UTF-8, GBK, ISO-8859-1)");
                ok = false;
            } else {
                encoding = Charset.forName(cs.get()).name();
            }
        }
        int maxField = CsvDatasourcePlan.DEFAULT_MAX_FIELD_BYTES;
        Property mf = props.get("max_field_size");
        if (mf != null) {
            OptionalLong size = byteSize(mf.value());
            if (size.isEmpty() || size.getAsLong() < 1 || size.getAsLong() > Integer.MAX_VALUE - 16) {
                diagnostics.error(Code.BAD_DATASOURCE, mf.value().range(), "max_field_size must be a size from 1 byte to 2GB,"
                        + " e.g. max_field_size \"16MB\" (units B, KB, MB, GB of 1024)");
                ok = false;
            } else {
                maxField = (int) size.getAsLong();
            }
        }
        if (delimiter == null || quote == null) {
            ok = false;
        } else if (delimiter.equals(quote)) {
            diagnostics.error(Code.BAD_DATASOURCE, decl.name().range(), "delimiter and quote must differ");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new CsvDatasourcePlan(name, resolved, header, delimiter, quote, nullMarker, encoding, maxField));
    }

    /** {@code 1048576}, {@code "512KB"}, {@code "16 MB"}, {@code "1GB"} (units of 1024). */
    static OptionalLong byteSize(DatasourceDecl.Value v) {
        String text = v instanceof DatasourceDecl.StringValue s ? s.value()
                : v instanceof DatasourceDecl.NumberValue n ? n.text() : null;
        if (text == null) {
            return OptionalLong.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d{1,12})\\s*(B|KB|K|MB|M|GB|G)?\\s*").matcher(text);
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

    private Character singleChar(Property p, char fallback) {
        if (p == null) {
            return fallback;
        }
        if (p.value() instanceof DatasourceDecl.StringValue s && s.value().length() == 1 && s.value().charAt(0) < 128
                && s.value().charAt(0) != '\n' && s.value().charAt(0) != '\r') {
            return s.value().charAt(0);
        }
        diagnostics.error(Code.BAD_DATASOURCE, p.value().range(), p.key().text()
                + " must be one ASCII character in quotes, e.g. \",\" or \"\\t\"");
        return null;
    }

    private static boolean supportedCharset(String name) {
        try {
            Charset cs = Charset.forName(name);
            // ASCII-compatible: the structural characters encode as the same single bytes
            return cs.canEncode() && new String(",\"\n".getBytes(cs), StandardCharsets.ISO_8859_1).equals(",\"\n");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Optional<String> word(Property p) {
        if (p.value() instanceof DatasourceDecl.WordValue w) {
            return Optional.of(w.word());
        }
        return Optional.empty();
    }

    static Map<String, DatasourceDecl> index(List<DatasourceDecl> decls) {
        Map<String, DatasourceDecl> m = new HashMap<>();
        for (DatasourceDecl d : decls) {
            m.putIfAbsent(d.name().key(), d);
        }
        return m;
    }
}
