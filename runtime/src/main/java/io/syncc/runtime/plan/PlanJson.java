package io.syncc.runtime.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import io.syncc.runtime.spi.Connectors;
import java.io.IOException;
import java.io.InputStream;

/**
 * The plan's JSON form, as stored in a job jar ({@value #RESOURCE}). Writing refuses a plan that
 * holds a literal password: a secret never reaches a file.
 */
public final class PlanJson {

    public static final String RESOURCE = "syncc/plan.json";
    /**
     * Made on first use, not when the class loads: the generator asks {@link #requireNoLiteralPassword}
     * of every plan it compiles in, and every job jar's start asks {@link PlanOverrides} for overrides;
     * an object mapper costs about 0.2 s of class loading that neither needs.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = mapper();
    }

    private PlanJson() {
    }

    /** The mapper of plans, made on first use; {@link PlanOverrides} edits a plan's JSON tree with it too. */
    static ObjectMapper json() {
        return Json.MAPPER;
    }

    /** Datasource plans are named by the connectors that make them, so a plugin's plan travels in a jar too. */
    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Connectors.planTypes().forEach((name, type) -> m.registerSubtypes(new NamedType(type, name)));
        return m;
    }

    /** @throws IllegalArgumentException when a datasource of the plan holds a literal password */
    public static String write(JobPlan plan) {
        requireNoLiteralPassword(plan);
        try {
            return Json.MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise plan: " + e.getMessage(), e);
        }
    }

    public static JobPlan read(InputStream in) throws IOException {
        return Json.MAPPER.readValue(in, JobPlan.class);
    }

    public static JobPlan read(String json) throws IOException {
        return Json.MAPPER.readValue(json, JobPlan.class);
    }

    /**
     * The rule for every form of a plan that leaves the process (JSON, generated code, jars).
     *
     * @throws IllegalArgumentException when a datasource of the plan holds a literal password
     */
    public static void requireNoLiteralPassword(JobPlan plan) {
        requireNoLiteralPassword(plan.source().datasource());
        requireNoLiteralPassword(plan.sink().datasource());
    }

    private static void requireNoLiteralPassword(DatasourcePlan ds) {
        if (hasLiteralSecret(ds)) {
            throw new IllegalArgumentException("datasource '" + ds.name() + "' has a literal password, which cannot be written"
                    + " into a plan or a jar; use password env(\"VAR\") or password file(\"path\")");
        }
    }

    /** Whether the datasource holds a secret written literally in its {@code .sync} file. */
    public static boolean hasLiteralSecret(DatasourcePlan ds) {
        return ds.secrets().stream().anyMatch(s -> s.kind() == SecretRef.Kind.LITERAL);
    }
}
