package io.syncc.compiler.check;

import io.syncc.compiler.diag.Suggestions;
import io.syncc.compiler.ast.DatasourceDecl;
import io.syncc.compiler.ast.DatasourceDecl.Property;
import io.syncc.compiler.diag.Code;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.diag.SourceRange;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.DatasourceSettings;
import io.syncc.runtime.spi.SettingProblem;
import io.syncc.runtime.spi.SettingSpec;
import io.syncc.runtime.spi.SettingValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a {@code datasource} block against the settings its type's connector accepts
 * ({@code spi.Connector#settings}) and has the connector turn it into the runtime's datasource
 * description, locating every problem it reports. Names no concrete connector: a new one is
 * checked the same way. Relative file paths are resolved against the folder of the {@code .sync}
 * file that declares them.
 */
final class DatasourceChecker {

    private final Diagnostics diagnostics;
    /** The environment whose {@code env NAME { }} settings apply ({@code --env}), or null: the datasource's own settings. */
    private final String environment;

    DatasourceChecker(Diagnostics diagnostics) {
        this(diagnostics, null);
    }

    DatasourceChecker(Diagnostics diagnostics, String environment) {
        this.diagnostics = diagnostics;
        this.environment = environment == null ? null : environment.toLowerCase(Locale.ROOT);
    }

    /**
     * @param intact false when part of the block was left out for a syntax error: then the block is
     *               not checked further and the datasource is not usable. Its syntax error is the one
     *               finding: what the parser recovered after it may be pieces of a secret (an unquoted
     *               {@code password hunter-S3cret} resumes at {@code S3cret} as if it were a property),
     *               which no message may repeat
     */
    Optional<DatasourcePlan> check(DatasourceDecl decl, Path baseDir, boolean intact) {
        if (!intact) {
            return Optional.empty();
        }
        Map<String, Property> props = new LinkedHashMap<>();
        for (Property p : decl.properties()) {
            String key = p.key().key();
            if (props.containsKey(key)) {
                diagnostics.error(Code.DUPLICATE_SETTING, p.key().range(), "property '" + key + "' is given twice in datasource '"
                        + decl.name().text() + "'");
            }
            props.putIfAbsent(key, p);
        }
        // env NAME { }: its settings replace the datasource's own when that environment is chosen
        java.util.Set<String> envNames = new java.util.HashSet<>();
        List<Property> otherEnvironments = new ArrayList<>();
        for (DatasourceDecl.Environment env : decl.environments()) {
            if (!envNames.add(env.name().key())) {
                diagnostics.error(Code.DUPLICATE_NAME, env.name().range(), "environment '" + env.name().text() + "' is given twice in datasource '"
                        + decl.name().text() + "'");
                continue;
            }
            boolean chosen = env.name().key().equals(environment);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Property p : env.properties()) {
                String key = p.key().key();
                if (key.equals("type")) {
                    diagnostics.error(Code.UNKNOWN_PROPERTY, p.key().range(), "the type of datasource '" + decl.name().text()
                            + "' is the same in every environment; set it outside env " + env.name().text() + " { }");
                } else if (!seen.add(key)) {
                    diagnostics.error(Code.DUPLICATE_SETTING, p.key().range(), "property '" + key + "' is given twice in env "
                            + env.name().text() + " of datasource '" + decl.name().text() + "'");
                } else if (chosen) {
                    props.put(key, p);
                } else {
                    otherEnvironments.add(p);
                }
            }
        }
        List<String> types = List.copyOf(Connectors.types());
        Property type = props.get("type");
        if (type == null) {
            diagnostics.error(Code.MISSING_PROPERTY, decl.name().range(),
                    "datasource '" + decl.name().text() + "' has no type", types.stream().map(t -> "type " + t).toList());
            return Optional.empty();
        }
        String typeName = type.value() instanceof DatasourceDecl.WordValue w ? w.word().toLowerCase(Locale.ROOT) : "";
        if (!types.contains(typeName)) {
            diagnostics.error(Code.BAD_DATASOURCE, type.value().range(), "unknown datasource type " + type.value().display()
                    + Suggestions.didYouMean(type.value().display(), types) + "; expected " + orList(types), types);
            return Optional.empty();
        }
        Connector connector = Connectors.forType(typeName);
        List<SettingSpec> specs = connector.settings(typeName);
        List<String> allowed = new ArrayList<>(List.of("type"));
        specs.forEach(s -> allowed.add(s.key()));
        Map<String, SettingValue> values = new LinkedHashMap<>();
        for (Property p : props.values()) {
            String key = p.key().key();
            if (!allowed.contains(key)) {
                diagnostics.error(Code.UNKNOWN_PROPERTY, p.key().range(), "unknown property '" + p.key().text()
                        + "' for a " + typeName + " datasource" + Suggestions.didYouMean(p.key().text(), allowed)
                        + "; expected one of " + String.join(", ", allowed), allowed);
            } else if (!key.equals("type")) {
                values.put(key, value(p.value()));
            }
        }
        for (Property p : otherEnvironments) { // not used now, still checked: a typo shows before the day it is used
            if (!allowed.contains(p.key().key())) {
                diagnostics.error(Code.UNKNOWN_PROPERTY, p.key().range(), "unknown property '" + p.key().text()
                        + "' for a " + typeName + " datasource" + Suggestions.didYouMean(p.key().text(), allowed)
                        + "; expected one of " + String.join(", ", allowed), allowed);
            }
        }
        DatasourceSettings settings = new DatasourceSettings(decl.name().text(), typeName, values, baseDir);
        Optional<DatasourcePlan> plan = connector.plan(settings);
        for (SettingProblem problem : settings.problems()) {
            report(decl, props, problem);
        }
        return settings.valid() ? plan : Optional.empty();
    }

    private void report(DatasourceDecl decl, Map<String, Property> props, SettingProblem problem) {
        Property p = problem.key() == null ? null : props.get(problem.key());
        SourceRange at = p == null || problem.kind() == SettingProblem.Kind.MISSING ? decl.name().range() : p.value().range();
        switch (problem.kind()) {
            case INVALID -> diagnostics.error(Code.BAD_DATASOURCE, at, problem.message());
            case MISSING -> diagnostics.error(Code.MISSING_PROPERTY, at, problem.message());
            case SECRET_EXPOSED -> diagnostics.error(Code.LITERAL_PASSWORD, at, problem.message());
            case LITERAL_SECRET -> diagnostics.warning(Code.LITERAL_PASSWORD, at, problem.message());
        }
    }

    private static SettingValue value(DatasourceDecl.Value v) {
        if (v instanceof DatasourceDecl.StringValue s) {
            return new SettingValue.Text(s.value());
        }
        if (v instanceof DatasourceDecl.NumberValue n) {
            return new SettingValue.Number(n.text());
        }
        if (v instanceof DatasourceDecl.WordValue w) {
            return new SettingValue.Word(w.word());
        }
        if (v instanceof DatasourceDecl.EnvValue e) {
            return new SettingValue.Env(e.variable());
        }
        return new SettingValue.FileRef(((DatasourceDecl.FileValue) v).path());
    }

    /** {@code a, b or c}. */
    private static String orList(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
