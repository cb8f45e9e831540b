package io.syncc.compiler.codegen;

import io.syncc.compiler.diag.SourceRange;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.SecretRef;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.util.CodeFingerprint;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything {@link JobGenerator}'s output depends on, written out as one unambiguous string, so the
 * compiled-job cache can find an unchanged job's classes without generating its source first: the
 * plan and the mapped values (records, enums, strings, numbers, lists and string maps, each written
 * with its type and every string with its length), and the code of the classes that decide what is
 * generated — the compiler's, the runtime's and the source's and sink's connectors' (a jar's path,
 * size and time, or every class file of a development build). Where a literal was written in the
 * job ({@link SourceRange}) is left out: the generator never emits it, and moving a line must not
 * cost a compilation; so is the value of a literal password (a plan holding one is not compiled
 * into the job, {@code PlanJson#requireNoLiteralPassword}), which must not reach a cache key. A value of any other kind makes the input unknown ({@link Optional#empty()}):
 * the cache then keys by the generated source instead, never a false hit.
 */
final class GeneratorInput {

    private final StringBuilder out = new StringBuilder(4096);
    /** The plan's literal passwords: written as such, never their value (the generator never emits it either). */
    private final java.util.Set<Object> literalSecrets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private GeneratorInput() {
    }

    /** The input of {@code new JobGenerator(plan, values).generate()}, or empty when a value cannot be written. */
    static Optional<String> of(JobPlan plan, List<JobGenerator.Value> values) {
        GeneratorInput w = new GeneratorInput();
        for (SecretRef s : plan.source().datasource().secrets()) {
            w.literalSecrets.add(s);
        }
        for (SecretRef s : plan.sink().datasource().secrets()) {
            w.literalSecrets.add(s);
        }
        try {
            Class<?> source = Connectors.forType(plan.source().datasource().type()).getClass();
            Class<?> sink = Connectors.forType(plan.sink().datasource().type()).getClass();
            w.out.append("code ").append(CodeFingerprint.of(JobGenerator.class)).append(' ')
                    .append(CodeFingerprint.of(io.syncc.runtime.codegen.GeneratedJob.class)).append(' ')
                    .append(CodeFingerprint.of(source)).append(' ').append(CodeFingerprint.of(sink)).append('\n');
            w.write(plan);
            w.out.append('\n');
            w.write(values);
            return Optional.of(w.out.toString());
        } catch (Unwritable | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A value {@link #write} does not know. */
    private static final class Unwritable extends Exception {
        Unwritable(Object value) {
            super(value.getClass().getName(), null, false, false);
        }
    }

    private void write(Object value) throws Unwritable {
        if (value == null) {
            out.append('~');
        } else if (value instanceof String s) {
            out.append('"').append(s.length()).append(':').append(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean || value instanceof Character) {
            out.append(value.getClass().getSimpleName().charAt(0)).append(value).append(';');
        } else if (value instanceof Double d) {
            out.append('D').append(Double.doubleToRawLongBits(d)).append(';');
        } else if (value instanceof Enum<?> e) {
            out.append('E').append(e.getDeclaringClass().getName()).append('.').append(e.name()).append(';');
        } else if (value instanceof List<?> list) {
            out.append('[').append(list.size()).append(':');
            for (Object o : list) {
                write(o);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{').append(map.size()).append(':');
            for (Map.Entry<?, ?> e : sorted(map).entrySet()) {
                write(e.getKey());
                write(e.getValue());
            }
            out.append('}');
        } else if (value instanceof SecretRef ref && ref.kind() == SecretRef.Kind.LITERAL && literalSecrets.contains(ref)) {
            out.append("(literal secret)");
        } else if (value instanceof SourceRange) {
            out.append('@');
        } else if (value instanceof Record record) {
            out.append('(').append(record.getClass().getName()).append(':');
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                try {
                    write(c.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new Unwritable(record);
                }
            }
            out.append(')');
        } else {
            throw new Unwritable(value);
        }
    }

    private static Map<?, ?> sorted(Map<?, ?> map) throws Unwritable {
        for (Object k : map.keySet()) {
            if (!(k instanceof String)) {
                throw new Unwritable(k == null ? "null key" : k);
            }
        }
        return new TreeMap<>(map);
    }
}
