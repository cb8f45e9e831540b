package io.syncc.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * A plan as a Java expression: {@code new JobPlan("j", ..., new SourcePlan(...), ...)}. Job jars
 * build their plan with this code instead of parsing {@code plan.json} at start-up (a JSON
 * object mapper costs a third of a second before the first row). Works on any graph of records,
 * enums, strings, boxed primitives, lists and string maps. The caller checks the plan holds no
 * literal password ({@link io.syncc.runtime.plan.PlanJson#requireNoLiteralPassword}). Long lists (a table of 1,600 columns) are built by
 * helper methods of at most {@value #CHUNK} elements, so no method outgrows the JVM's 64 KB limit.
 */
final class PlanCode {

    static final int CHUNK = 64;

    private final String prefix;
    private final List<MethodSpec> helpers = new ArrayList<>();

    /** @param prefix names the helper methods ({@code prefix0}, {@code prefix0_1}, ...) */
    PlanCode(String prefix) {
        this.prefix = prefix;
    }

    /** The static helper methods the expressions returned so far call. */
    List<MethodSpec> helpers() {
        return List.copyOf(helpers);
    }

    CodeBlock of(Object value) {
        if (value == null) {
            return CodeBlock.of("null");
        }
        if (value instanceof String s) {
            return CodeBlock.of("$S", s);
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return CodeBlock.of("$L", value);
        }
        if (value instanceof Long l) {
            return CodeBlock.of("$LL", l);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? CodeBlock.of("$T.longBitsToDouble($LL)", Double.class, Double.doubleToRawLongBits(d))
                    : CodeBlock.of("$L", Double.toString(d));
        }
        if (value instanceof Character c) {
            return CodeBlock.of("(char) $L", (int) c);
        }
        if (value instanceof Enum<?> e) {
            return CodeBlock.of("$T.$L", e.getDeclaringClass(), e.name());
        }
        if (value instanceof List<?> list) {
            return list.size() <= CHUNK ? CodeBlock.of("$T.of($L)", List.class, list.stream().map(this::of).collect(CodeBlock.joining(",$W")))
                    : longList(list);
        }
        if (value instanceof Map<?, ?> map) {
            CodeBlock entries = new TreeMap<>(map).entrySet().stream()
                    .map(e -> CodeBlock.of("$T.entry($L, $L)", Map.class, of(e.getKey()), of(e.getValue())))
                    .collect(CodeBlock.joining(",$W"));
            return CodeBlock.of("$T.ofEntries($L)", Map.class, entries);
        }
        if (value instanceof Record record) {
            CodeBlock.Builder args = CodeBlock.builder();
            RecordComponent[] components = record.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                try {
                    args.add(i == 0 ? "$L" : ",$W$L", of(components[i].getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + components[i], e);
                }
            }
            return CodeBlock.of("new $T($L)", ClassName.get(record.getClass()), args.build());
        }
        throw new IllegalArgumentException("no Java form for a plan value of " + value.getClass());
    }

    private CodeBlock longList(List<?> list) {
        Class<?> type = list.get(0).getClass();
        for (Object o : list) {
            if (o == null || o.getClass() != type) {
                type = Object.class;
                break;
            }
        }
        TypeName element = ClassName.get(type);
        TypeName listType = ParameterizedTypeName.get(ClassName.get(List.class), element);
        String name = prefix + helpers.size();
        helpers.add(null); // reserve the name; nested lists number after it
        int slot = helpers.size() - 1;
        MethodSpec.Builder build = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(listType)
                .addStatement("$T l = new $T<>($L)", listType, ArrayList.class, list.size());
        for (int from = 0, chunk = 0; from < list.size(); from += CHUNK, chunk++) {
            MethodSpec.Builder part = MethodSpec.methodBuilder(name + "_" + chunk).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(listType, "l");
            for (Object o : list.subList(from, Math.min(list.size(), from + CHUNK))) {
                part.addStatement("l.add($L)", of(o));
            }
            helpers.add(part.build());
            build.addStatement("$L(l)", name + "_" + chunk);
        }
        helpers.set(slot, build.addStatement("return $T.copyOf(l)", List.class).build());
        return CodeBlock.of("$L()", name);
    }
}
