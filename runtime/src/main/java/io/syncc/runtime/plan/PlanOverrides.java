package io.syncc.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Settings of a compiled job's datasources replaced when the job runs, so a job jar is not tied to
 * the machine it was compiled on: {@code java -jar job.jar --set files.path=/data/in --set
 * dw.url=jdbc:postgresql://prod/dw}, or {@code SYNCC_FILES_PATH=/data/in}. A setting is a field of
 * the datasource's plan as {@code plan.json} shows it; a relative {@code path} is taken from the
 * working folder. Secrets still come only from the environment or a file: a password is set as
 * {@code env:VAR} or {@code file:PATH}, never as a value.
 */
public final class PlanOverrides {


    private PlanOverrides() {
    }

    /**
     * The {@code SYNCC_<DATASOURCE>_<SETTING>} variables of {@code env} that name a datasource of the
     * plan, as {@code datasource.setting} overrides.
     */
    public static Map<String, String> fromEnvironment(JobPlan plan, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String ds : datasourceNames(plan)) {
            String prefix = "SYNCC_" + ds.toUpperCase(Locale.ROOT) + "_";
            env.forEach((k, v) -> {
                if (k.startsWith(prefix) && k.length() > prefix.length()) {
                    out.put(ds + "." + k.substring(prefix.length()).toLowerCase(Locale.ROOT), v);
                }
            });
        }
        return out;
    }

    /**
     * The plan with {@code datasource.setting = value} overrides applied.
     *
     * @throws IllegalArgumentException naming the override that does not apply, and what would
     */
    public static JobPlan apply(JobPlan plan, Map<String, String> overrides, Path workDir) {
        if (overrides.isEmpty()) {
            return plan;
        }
        ObjectNode tree = (ObjectNode) PlanJson.json().valueToTree(jsonOf(plan));
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            int dot = o.getKey().indexOf('.');
            if (dot <= 0 || dot == o.getKey().length() - 1) {
                throw new IllegalArgumentException("--set " + o.getKey() + "=...: write DATASOURCE.SETTING=VALUE, e.g. files.path=/data");
            }
            String ds = o.getKey().substring(0, dot);
            String key = o.getKey().substring(dot + 1);
            List<ObjectNode> targets = new ArrayList<>();
            Class<?> planType = null;
            for (String side : List.of("source", "sink")) {
                JsonNode d = tree.path(side).path("datasource");
                if (d instanceof ObjectNode on && d.path("name").asText().equalsIgnoreCase(ds)) {
                    targets.add(on);
                    planType = (side.equals("source") ? plan.source().datasource() : plan.sink().datasource()).getClass();
                }
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("--set " + o.getKey() + ": job " + plan.job() + " has no datasource '" + ds
                        + "'; its datasources: " + String.join(", ", datasourceNames(plan)));
            }
            for (ObjectNode d : targets) {
                set(d, planType, ds, key, o.getValue(), workDir);
            }
        }
        try {
            return PlanJson.read(PlanJson.json().writeValueAsString(tree));
        } catch (IOException e) {
            // the parser's message may quote a value given: never repeat it (it may be a secret written in the wrong place)
            throw new IllegalArgumentException("the settings given with --set do not make a datasource: " + String.join(", ", overrides.keySet()));
        }
    }

    private static Object jsonOf(JobPlan plan) {
        try {
            return PlanJson.json().readTree(PlanJson.write(plan));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets one field of a datasource's JSON form, converted to the type the plan's record declares for it. */
    private static void set(ObjectNode d, Class<?> planType, String ds, String key, String value, Path workDir) {
        java.lang.reflect.RecordComponent component = null;
        TreeSet<String> settable = new TreeSet<>();
        for (java.lang.reflect.RecordComponent c : planType.getRecordComponents()) {
            Class<?> t = c.getType();
            if (!c.getName().equals("name") && (t == String.class || t == SecretRef.class || t == boolean.class || t == char.class
                    || t == int.class || t == long.class)) {
                settable.add(c.getName());
                if (c.getName().equals(key)) {
                    component = c;
                }
            }
        }
        if (component == null) {
            throw new IllegalArgumentException("--set " + ds + "." + key + ": datasource '" + ds + "' has no setting '" + key
                    + "'; it has: " + String.join(", ", settable));
        }
        Class<?> type = component.getType();
        boolean secret = key.toLowerCase(Locale.ROOT).contains("password");
        if (type == SecretRef.class || secret) {
            ObjectNode ref = PlanJson.json().createObjectNode();
            if (value.startsWith("env:") || value.startsWith("file:")) {
                ref.put("kind", value.startsWith("env:") ? "ENV" : "FILE");
                ref.put("value", value.substring(value.indexOf(':') + 1));
            } else if (secret) {
                throw new IllegalArgumentException("--set " + ds + "." + key + ": a password comes from the environment or a file:"
                        + " write " + ds + "." + key + "=env:VARIABLE or " + ds + "." + key + "=file:PATH");
            } else {
                ref.put("kind", "LITERAL");
                ref.put("value", value);
            }
            d.set(key, ref);
        } else if (type == boolean.class) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("--set " + ds + "." + key + "=" + value + ": expected true or false");
            }
            d.put(key, Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
        } else if (type == char.class) {
            if (value.length() != 1) {
                throw new IllegalArgumentException("--set " + ds + "." + key + "=" + value + ": expected one character");
            }
            d.put(key, value);
        } else if (type == int.class || type == long.class) {
            try {
                d.put(key, Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + ds + "." + key + "=" + value + ": expected a whole number");
            }
        } else {
            d.put(key, key.equals("path") ? workDir.resolve(value).toAbsolutePath().normalize().toString() : value);
        }
    }

    private static List<String> datasourceNames(JobPlan plan) {
        List<String> names = new ArrayList<>();
        names.add(plan.source().datasource().name());
        if (!names.contains(plan.sink().datasource().name())) {
            names.add(plan.sink().datasource().name());
        }
        return names;
    }
}
