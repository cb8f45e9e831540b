package io.syncc.compiler.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.syncc.compiler.ast.Literal;
import io.syncc.runtime.codegen.BinaryCopyOut;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.CopyEncoder;
import io.syncc.runtime.codegen.CsvRecord;
import io.syncc.runtime.codegen.PgRowDecoder;
import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.codegen.PgTupleText;
import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.codegen.InsertBinder;
import io.syncc.runtime.codegen.JdbcRowDecoder;
import io.syncc.runtime.codegen.RowMapper;
import io.syncc.runtime.codegen.RowRenderer;
import io.syncc.runtime.codegen.TimeFormat;
import io.syncc.runtime.codegen.Utf8Text;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.SourceCodec;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.PlanJson;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.types.SqlType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Generates the Java source of one job: a source row and a sink row with one typed field per
 * column, a decoder that reads straight into the source row, a mapper with defaults,
 * constants and conversions inlined, a binary COPY encoder and an INSERT binder for exactly
 * the sink's columns. The result implements {@link GeneratedJob}.
 */
public final class JobGenerator {

    private final JobPlan plan;
    private final List<Value> values;
    private final ClassName jobClass;
    private final ClassName sourceRow;
    private final ClassName sinkRow;
    private final List<String> sourceFields = new ArrayList<>();
    private final List<String> sinkFields = new ArrayList<>();
    private final List<String> formatFields = new ArrayList<>();
    /** Source / sink columns carried as UTF-8 bytes ({@link Utf8Text}) instead of Strings. */
    private final boolean[] sourceUtf8;
    private final boolean[] sinkUtf8;
    /**
     * Whether each sink row is encoded before the source row's next record (a COPY into a
     * PostgreSQL-protocol table: the writer encodes the row in {@code add()}): then values carried as
     * bytes are viewed, not copied, into the sink row. INSERT batches keep their rows, so they copy.
     */
    private final boolean encodedAtOnce;
    /**
     * Whether the source's binary COPY tuple is the sink's tuple as it is ({@link #forwardsInOrder}):
     * then rows carry the whole tuple as its bytes and a row costs one copy, not a read, a move and a
     * write per column; the code per row is a few calls whatever the width.
     */
    private final boolean wholeTuple;
    /** What the source's connector hands the generated decoder. */
    private final SourceCodec.Shape shape;
    /** Methods holding the columns of a wide table, a slice each (see {@link #addColumns}). */
    private final List<MethodSpec> parts = new ArrayList<>();

    /**
     * Columns per generated method. The JVM refuses a method of more than 64 KB of bytecode
     * (PostgreSQL allows 1,600 columns), and HotSpot never compiles one of more than 8,000 bytes
     * ({@code -XX:HugeMethodLimit}): such a method stays interpreted for every row. A column's code
     * is 40-50 bytes for most types and conversions (up to about 150 with a format and a default), so
     * 50 columns keep every method far below that; smaller methods also take the JIT less time.
     */
    static final int COLUMNS_PER_METHOD = 50;

    /**
     * Where each sink column's value comes from, in sink order (aligned with {@code plan.sink().columns()}).
     *
     * @param source       index into the plan's source columns, or -1 for a constant
     * @param literal      the constant, or the default used when the source value is null (may be null)
     */
    public record Value(int source, Literal literal) {
    }

    public JobGenerator(JobPlan plan, List<Value> values) {
        if (values.size() != plan.sink().columns().size()) {
            throw new IllegalArgumentException("one value per sink column");
        }
        this.plan = plan;
        this.values = List.copyOf(values);
        int dot = plan.generatedClass().lastIndexOf('.');
        this.jobClass = ClassName.get(plan.generatedClass().substring(0, dot), plan.generatedClass().substring(dot + 1));
        this.sourceRow = jobClass.nestedClass("SourceRow");
        this.sinkRow = jobClass.nestedClass("SinkRow");
        for (int i = 0; i < plan.source().columns().size(); i++) {
            sourceFields.add("s" + i + "_" + identifier(plan.source().columns().get(i).name()));
            SourceColumn c = plan.source().columns().get(i);
            formatFields.add(c.format() == null ? null : "FORMAT_" + i);
        }
        for (int i = 0; i < plan.sink().columns().size(); i++) {
            sinkFields.add("t" + i + "_" + identifier(plan.sink().columns().get(i).name()));
        }
        SourceCodec codec = Connectors.forType(plan.source().datasource().type()).sourceCodec(plan.source().datasource());
        this.shape = codec.shape();
        this.sourceUtf8 = utf8Sources(plan, this.values, codec);
        this.encodedAtOnce = plan.sink().write() == io.syncc.runtime.plan.SinkPlan.WriteMethod.COPY
                && plan.sink().datasource() instanceof io.syncc.runtime.plan.PostgresDatasourcePlan;
        for (int i = 0; i < sourceUtf8.length; i++) {
            if (plan.source().columns().get(i).type().kind() == SqlType.Kind.OTHER && !sourceUtf8[i]) {
                // the checker lets a type syncc does not decode through only where it is forwarded unchanged
                throw new IllegalStateException("column " + plan.source().columns().get(i).name() + " of type "
                        + plan.source().columns().get(i).type() + " is not forwarded as its bytes");
            }
        }
        this.sinkUtf8 = new boolean[values.size()];
        for (int i = 0; i < values.size(); i++) {
            sinkUtf8[i] = this.values.get(i).source() >= 0 && sourceUtf8[this.values.get(i).source()];
        }
        this.wholeTuple = shape == SourceCodec.Shape.PG_BINARY && encodedAtOnce && forwardsInOrder(plan, this.values, sourceUtf8);
    }

    /**
     * Whether the i-th sink column is, for every i, the i-th field of the source's tuple forwarded as
     * its bytes ({@link #binaryForwarded}), every field used once: the tuple the server sent is then
     * exactly the tuple the sink is to be sent (same field count, same order, same bytes).
     */
    static boolean forwardsInOrder(JobPlan plan, List<Value> values, boolean[] forwarded) {
        if (values.isEmpty() || values.size() != plan.source().columns().size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            int s = values.get(i).source();
            if (s < 0 || values.get(i).literal() != null || !forwarded[s] || plan.source().columns().get(s).position() != i) {
                return false;
            }
        }
        return true;
    }

    /** Whether the generated code forwards whole tuples (see {@link #wholeTuple}). */
    public boolean forwardsWholeTuples() {
        return wholeTuple;
    }

    /**
     * The columns carried as bytes ({@link Utf8Text}), never decoded: the text columns of a UTF-8
     * file that go unchanged into unbounded text columns (no default, no conversion, no length
     * limit), copied from the file to the COPY stream; and the columns of a PostgreSQL binary COPY
     * source that go unchanged into columns of the same type of a sink that takes PostgreSQL's binary
     * ({@link #binaryForwarded}). Everything else uses the Java type of its SQL type.
     */
    private static boolean[] utf8Sources(JobPlan plan, List<Value> values, SourceCodec codec) {
        boolean[] utf8 = new boolean[plan.source().columns().size()];
        if (codec.shape() == SourceCodec.Shape.PG_BINARY) {
            return binaryForwarded(plan, values);
        }
        if (!codec.utf8Fields()) {
            return utf8;
        }
        for (int c = 0; c < utf8.length; c++) {
            utf8[c] = plan.source().columns().get(c).readAs().kind() == SqlType.Kind.TEXT;
        }
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            if (v.source() >= 0) {
                if (v.literal() != null || !plainText(plan.sink().columns().get(i).type())) {
                    utf8[v.source()] = false;
                }
            }
        }
        return utf8;
    }

    /**
     * The columns of a binary COPY source forwarded as their bytes: read as stored (no {@code as}),
     * and every sink column they go to has the same type (or both are unbounded text), no default,
     * in a sink that takes PostgreSQL's binary. The bytes the server sent are then the bytes it is
     * sent, so the value stored is the value read, whatever its type.
     */
    private static boolean[] binaryForwarded(JobPlan plan, List<Value> values) {
        boolean[] raw = new boolean[plan.source().columns().size()];
        if (!Connectors.forwardsPgBinary(plan.source().datasource(), plan.sink().datasource())) {
            return raw;
        }
        for (int c = 0; c < raw.length; c++) {
            SourceColumn col = plan.source().columns().get(c);
            raw[c] = col.readAs().equals(col.type()) && col.format() == null;
        }
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            if (v.source() >= 0) {
                SqlType from = plan.source().columns().get(v.source()).type();
                SqlType to = plan.sink().columns().get(i).type();
                if (v.literal() != null || !(from.equals(to) || plainText(from) && plainText(to))) {
                    raw[v.source()] = false;
                }
            }
        }
        return raw;
    }

    private static boolean plainText(SqlType t) {
        return t.kind() == SqlType.Kind.TEXT || (t.kind() == SqlType.Kind.VARCHAR && t.precision() <= 0);
    }

    public JavaFile generate() {
        TypeSpec.Builder type = TypeSpec.classBuilder(jobClass)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(ClassName.get(GeneratedJob.class), sourceRow, sinkRow))
                .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                        .addMember("value", "$S", "syncc")
                        .addMember("comments", "$S", "job " + plan.job() + " from " + plan.sourceFile()).build())
                .addJavadoc("Job {@code $L} from {@code $L}. Generated by syncc; do not edit.\n", plan.job(), plan.sourceFile());
        for (int i = 0; i < formatFields.size(); i++) {
            if (formatFields.get(i) != null) {
                type.addField(FieldSpec.builder(TimeFormat.class, formatFields.get(i), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$T.of($S)", TimeFormat.class, plan.source().columns().get(i).format()).build());
            }
        }
        if (wholeTuple) {
            type.addType(tupleRowClass(sourceRow, "A source row: the binary COPY tuple the server sent, viewed as its bytes."));
            type.addType(tupleRowClass(sinkRow, "A sink row: the source's tuple, forwarded as it is (every column unchanged, in order)."));
            type.addField(FieldSpec.builder(PgTupleText.class, "TUPLE_TEXT", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T($L)", PgTupleText.class, plan.sink().columns().stream()
                            .map(c -> CodeBlock.of("$T.$L", SqlType.Kind.class, c.type().kind().name())).collect(CodeBlock.joining(", ")))
                    .build());
        } else {
            type.addType(rowClass(sourceRow, sourceFields, plan.source().columns().stream().map(SourceColumn::readAs).toList(),
                    sourceUtf8, "Source columns as read (after {@code as} conversions)."));
            type.addType(rowClass(sinkRow, sinkFields, plan.sink().columns().stream().map(SinkColumn::type).toList(),
                    sinkUtf8, "Sink columns as written."));
        }
        addConstants(type);
        type.addMethod(init());
        addPlan(type);
        type.addMethod(MethodSpec.methodBuilder("newSourceRow").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(sourceRow).addStatement("return new $T()", sourceRow).build());
        type.addMethod(MethodSpec.methodBuilder("newSinkRow").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(sinkRow).addStatement("return new $T()", sinkRow).build());
        // file sources (CSV, JSON Lines) hand the decoder records of fields; databases a ResultSet
        boolean csv = shape == SourceCodec.Shape.FIELDS;
        type.addMethod(accessor("csvDecoder", CsvRowDecoder.class, sourceRow, csv ? "decodeCsv" : null));
        switch (shape) {
            case FIELDS -> {
                type.addMethod(accessor("jdbcDecoder", JdbcRowDecoder.class, sourceRow, null));
                type.addMethod(decodeCsv());
            }
            case ROWS -> {
                type.addMethod(accessor("jdbcDecoder", JdbcRowDecoder.class, sourceRow, "decodeJdbc"));
                type.addMethod(decodeJdbc());
            }
            case PG_BINARY -> {
                type.addMethod(binaryDecoder());
                type.addMethod(decodeBinary());
            }
        }
        type.addMethod(MethodSpec.methodBuilder("mapper").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(RowMapper.class), sourceRow, sinkRow))
                .addStatement("return this::map").build());
        type.addMethod(map());
        type.addMethod(accessor("copyEncoder", CopyEncoder.class, sinkRow, "encode"));
        type.addMethod(encode());
        type.addMethod(accessor("insertBinder", InsertBinder.class, sinkRow, "bind"));
        type.addMethod(bind());
        if (wholeTuple) {
            // the source's columns in the tuple's order (the sink's): field i is sink column i's source
            type.addMethod(tupleRenderer("sourceRenderer", sourceRow,
                    values.stream().map(v -> plan.source().columns().get(v.source()).name()).toList()));
            type.addMethod(tupleRenderer("sinkRenderer", sinkRow, plan.sink().columns().stream().map(SinkColumn::name).toList()));
        } else {
            type.addMethod(renderer("sourceRenderer", sourceRow, sourceFields,
                    plan.source().columns().stream().map(SourceColumn::name).toList(),
                    plan.source().columns().stream().map(SourceColumn::readAs).toList(), sourceUtf8));
            type.addMethod(renderer("sinkRenderer", sinkRow, sinkFields,
                    plan.sink().columns().stream().map(SinkColumn::name).toList(),
                    plan.sink().columns().stream().map(SinkColumn::type).toList(), sinkUtf8));
        }
        type.addMethods(parts);
        return JavaFile.builder(jobClass.packageName(), type.build())
                .addFileComment("Generated by syncc from $L (job $L). Do not edit.", plan.sourceFile(), plan.job())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    // ---- rows --------------------------------------------------------------------------------

    private static TypeSpec tupleRowClass(ClassName name, String doc) {
        return TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .addField(FieldSpec.builder(Utf8Text.class, "tuple", Modifier.PUBLIC, Modifier.FINAL)
                        .initializer("new $T()", Utf8Text.class)
                        .addJavadoc("field count, then each field's length and bytes\n").build())
                .build();
    }

    private static TypeSpec rowClass(ClassName name, List<String> fields, List<SqlType> types, boolean[] utf8, String doc) {
        TypeSpec.Builder row = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + " Primitive and UTF-8 text columns carry a {@code ...Null} flag.\n");
        for (int i = 0; i < fields.size(); i++) {
            SqlType t = types.get(i);
            if (utf8[i]) {
                row.addField(FieldSpec.builder(Utf8Text.class, fields.get(i), Modifier.PUBLIC, Modifier.FINAL)
                        .initializer("new $T()", Utf8Text.class).addJavadoc("$L, as UTF-8 bytes\n", t.sql()).build());
            } else {
                row.addField(FieldSpec.builder(ValueCode.javaType(t), fields.get(i), Modifier.PUBLIC).addJavadoc("$L\n", t.sql()).build());
            }
            if (flagged(t, utf8[i])) {
                row.addField(TypeName.BOOLEAN, fields.get(i) + "Null", Modifier.PUBLIC);
            }
        }
        return row.build();
    }

    /** Whether a column's nullness is a separate flag (primitives and reused UTF-8 buffers) rather than a null reference. */
    private static boolean flagged(SqlType t, boolean utf8) {
        return utf8 || ValueCode.primitive(t);
    }

    private static CodeBlock isNull(String row, String field, SqlType t, boolean utf8) {
        return flagged(t, utf8) ? CodeBlock.of("$L.$LNull", row, field) : CodeBlock.of("$L.$L == null", row, field);
    }

    private static CodeBlock setNull(String row, String field, SqlType t, boolean utf8) {
        return flagged(t, utf8) ? CodeBlock.of("$L.$LNull = true;\n", row, field) : CodeBlock.of("$L.$L = null;\n", row, field);
    }

    private static CodeBlock set(String row, String field, SqlType t, CodeBlock value) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (ValueCode.primitive(t)) {
            b.add("$L.$LNull = false;\n", row, field);
        }
        return b.add("$L.$L = $L;\n", row, field, value).build();
    }

    /** Fills a UTF-8 column in place: {@code fill} is a statement writing into {@code row.field}. */
    private static CodeBlock setUtf8(String row, String field, CodeBlock fill) {
        return CodeBlock.of("$L.$LNull = false;\n$L;\n", row, field, fill);
    }

    // ---- constants (literals and parameters, typed once in init) -------------------------------

    private String constant(int sinkIndex) {
        return "k" + sinkIndex;
    }

    private void addConstants(TypeSpec.Builder type) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).literal() != null) {
                SqlType t = plan.sink().columns().get(i).type();
                type.addField(ValueCode.javaType(t), constant(i), Modifier.PRIVATE);
                type.addField(TypeName.BOOLEAN, constant(i) + "Null", Modifier.PRIVATE);
            }
        }
    }

    private MethodSpec init() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("init").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(ParameterizedTypeName.get(Map.class, String.class, String.class), "params")
                .addException(ConversionException.class);
        List<CodeBlock> columns = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Literal lit = values.get(i).literal();
            if (lit == null) {
                continue;
            }
            SinkColumn c = plan.sink().columns().get(i);
            CodeBlock.Builder b = CodeBlock.builder();
            if (lit instanceof Literal.Null) {
                columns.add(b.addStatement("$LNull = true", constant(i)).build());
                continue;
            }
            CodeBlock text;
            if (lit instanceof Literal.Param p) {
                b.addStatement("String p$L = params.get($S)", i, p.name());
                b.beginControlFlow("if (p$L == null)", i)
                        .addStatement("throw new $T($S)", ConversionException.class,
                                "parameter ${" + p.name() + "} has no value: pass -p " + p.name() + "=VALUE")
                        .endControlFlow();
                text = CodeBlock.of("p$L", i);
            } else {
                text = CodeBlock.of("$S", literalText(lit));
            }
            b.addStatement("$L = $L", constant(i), ValueCode.fit(ValueCode.parseText(text, c.type(), c.name(), "null"), c.type(), c.name()));
            columns.add(b.addStatement("$LNull = false", constant(i)).build());
        }
        addColumns(m, "initColumns", columns);
        return m.build();
    }

    private static String literalText(Literal lit) {
        if (lit instanceof Literal.Text t) {
            return t.value();
        }
        if (lit instanceof Literal.Number n) {
            return n.text();
        }
        if (lit instanceof Literal.Bool b) {
            return Boolean.toString(b.value());
        }
        throw new IllegalArgumentException(lit.display());
    }

    // ---- the plan, compiled in ---------------------------------------------------------------

    private void addPlan(TypeSpec.Builder type) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("plan").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(JobPlan.class);
        PlanCode code = new PlanCode("planList");
        CodeBlock expression;
        try {
            PlanJson.requireNoLiteralPassword(plan);
            expression = code.of(plan);
        } catch (IllegalArgumentException literalPassword) {
            m.addStatement("throw new $T($S)", IllegalStateException.class,
                    "job " + plan.job() + " has a literal password, so its plan is not compiled in");
            type.addMethod(m.build());
            return;
        }
        type.addMethod(m.addStatement("return $L", expression).build());
        type.addMethods(code.helpers());
    }

    // ---- decoders ----------------------------------------------------------------------------

    private MethodSpec accessor(String name, Class<?> iface, ClassName row, String target) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(iface), row));
        return (target == null ? m.addStatement("return null") : m.addStatement("return this::$L", target)).build();
    }

    private MethodSpec decodeCsv() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("decodeCsv").addModifiers(Modifier.PRIVATE)
                .addParameter(CsvRecord.class, "r").addParameter(sourceRow, "row").addException(ConversionException.class);
        List<CodeBlock> columns = new ArrayList<>();
        for (int i = 0; i < plan.source().columns().size(); i++) {
            SourceColumn c = plan.source().columns().get(i);
            String f = sourceFields.get(i);
            columns.add(CodeBlock.builder().beginControlFlow("if (r.isNull($L))", c.position())
                    .add(setNull("row", f, c.readAs(), sourceUtf8[i]))
                    .nextControlFlow("else")
                    .add(sourceUtf8[i]
                            ? setUtf8("row", f, CodeBlock.of("r.utf8($L, $S, row.$L)", c.position(), c.name(), f))
                            : set("row", f, c.readAs(), ValueCode.csvRead("r", c.position(), c.name(), c.readAs(), formatFields.get(i))))
                    .endControlFlow().build());
        }
        addColumns(m, "decodeCsvColumns", columns);
        return m.build();
    }

    /** For PostgreSQL sources: the decoder of binary COPY tuples ({@link PgRowDecoder}); its JDBC {@code decode} is never called. */
    private MethodSpec binaryDecoder() {
        TypeSpec both = TypeSpec.anonymousClassBuilder("")
                .addSuperinterface(ParameterizedTypeName.get(ClassName.get(PgRowDecoder.class), sourceRow))
                .addMethod(MethodSpec.methodBuilder("decode").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .addParameter(ResultSet.class, "rs").addParameter(sourceRow, "row")
                        .addStatement("throw new $T($S)", UnsupportedOperationException.class, "this job reads its source by binary COPY")
                        .build())
                .addMethod(MethodSpec.methodBuilder("decodeBinary").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .addParameter(PgBinaryRecord.class, "r").addParameter(sourceRow, "row")
                        .addException(ConversionException.class)
                        .addStatement("decodeTuple(r, row)").build())
                .build();
        return MethodSpec.methodBuilder("jdbcDecoder").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(JdbcRowDecoder.class), sourceRow))
                .addStatement("return $L", both).build();
    }

    /**
     * A binary COPY tuple into the source row: forwarded columns are viewed as their bytes, the
     * others decoded into their stored type's representation, then converted as {@code as} says.
     */
    private MethodSpec decodeBinary() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("decodeTuple").addModifiers(Modifier.PRIVATE)
                .addParameter(PgBinaryRecord.class, "r").addParameter(sourceRow, "row")
                .addException(ConversionException.class);
        if (wholeTuple) {
            return m.addStatement("r.viewTuple(row.tuple)").build();
        }
        List<CodeBlock> columns = new ArrayList<>();
        for (int i = 0; i < plan.source().columns().size(); i++) {
            SourceColumn c = plan.source().columns().get(i);
            String f = sourceFields.get(i);
            CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("if (r.isNull($L))", c.position())
                    .add(setNull("row", f, c.readAs(), sourceUtf8[i]))
                    .nextControlFlow("else");
            if (sourceUtf8[i]) {
                b.add(setUtf8("row", f, CodeBlock.of("r.view($L, row.$L)", c.position(), f)));
            } else {
                b.add(set("row", f, c.readAs(), ValueCode.convert(ValueCode.binaryRead("r", c.position(), c.type(), c.name()),
                        c.type(), c.readAs(), c.name(), formatFields.get(i))));
            }
            columns.add(b.endControlFlow().build());
        }
        addColumns(m, "decodeTupleColumns", columns);
        return m.build();
    }

    private MethodSpec decodeJdbc() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("decodeJdbc").addModifiers(Modifier.PRIVATE)
                .addParameter(ResultSet.class, "rs").addParameter(sourceRow, "row")
                .addException(SQLException.class).addException(ConversionException.class);
        List<CodeBlock> columns = new ArrayList<>();
        for (int i = 0; i < plan.source().columns().size(); i++) {
            SourceColumn c = plan.source().columns().get(i);
            ValueCode.JdbcRead read = ValueCode.jdbcRead("rs", c.position() + 1, c.type());
            String v = "v" + i;
            columns.add(CodeBlock.builder().addStatement("$T $L = $L", read.type(), v, read.get())
                    .beginControlFlow(read.primitive() ? "if (rs.wasNull())" : "if (" + v + " == null)")
                    .add(setNull("row", sourceFields.get(i), c.readAs(), false))
                    .nextControlFlow("else")
                    .add(set("row", sourceFields.get(i), c.readAs(),
                            ValueCode.convert(ValueCode.fromJdbc(v, c.type(), c.name()), c.type(), c.readAs(), c.name(), formatFields.get(i))))
                    .endControlFlow().build());
        }
        addColumns(m, "decodeJdbcColumns", columns);
        return m.build();
    }

    // ---- mapper ------------------------------------------------------------------------------

    private MethodSpec map() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("map").addModifiers(Modifier.PRIVATE)
                .addParameter(sourceRow, "in").addParameter(sinkRow, "out").addException(ConversionException.class);
        if (wholeTuple) {
            return m.addComment("every column unchanged, in order: the tuple as it is")
                    .addStatement("out.tuple.view(in.tuple)").build();
        }
        List<CodeBlock> columns = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            SinkColumn sink = plan.sink().columns().get(i);
            String field = sinkFields.get(i);
            CodeBlock fromConstant = CodeBlock.builder()
                    .beginControlFlow("if ($LNull)", constant(i))
                    .add(setNull("out", field, sink.type(), false))
                    .nextControlFlow("else")
                    .add(set("out", field, sink.type(), CodeBlock.of("$L", constant(i))))
                    .endControlFlow().build();
            CodeBlock.Builder b = CodeBlock.builder();
            if (v.source() < 0) {
                b.add("// $L <- $L\n", sink.name(), v.literal().display());
                columns.add(b.add(fromConstant).build());
                continue;
            }
            SourceColumn src = plan.source().columns().get(v.source());
            String in = sourceFields.get(v.source());
            b.add("// $L <- $L$L\n", sink.name(), src.name(), v.literal() == null ? "" : " default " + v.literal().display());
            b.beginControlFlow("if ($L)", isNull("in", in, src.readAs(), sourceUtf8[v.source()]));
            b.add(v.literal() == null ? setNull("out", field, sink.type(), sinkUtf8[i]) : fromConstant);
            b.nextControlFlow("else");
            b.add(sinkUtf8[i]
                    ? setUtf8("out", field, CodeBlock.of(encodedAtOnce ? "out.$L.view(in.$L)" : "out.$L.set(in.$L)", field, in))
                    : set("out", field, sink.type(), ValueCode.convert(CodeBlock.of("in.$L", in), src.readAs(), sink.type(), sink.name(), null)));
            columns.add(b.endControlFlow().build());
        }
        addColumns(m, "mapColumns", columns);
        return m.build();
    }

    // ---- encoders ----------------------------------------------------------------------------

    private MethodSpec encode() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("encode").addModifiers(Modifier.PRIVATE)
                .addParameter(sinkRow, "row").addParameter(BinaryCopyOut.class, "out");
        if (wholeTuple) {
            return m.addStatement("out.writeTuple(row.tuple)").build();
        }
        m.addStatement("out.startTuple($L)", sinkFields.size());
        List<CodeBlock> columns = new ArrayList<>();
        for (int i = 0; i < sinkFields.size(); i++) {
            SqlType t = plan.sink().columns().get(i).type();
            columns.add(CodeBlock.builder().beginControlFlow("if ($L)", isNull("row", sinkFields.get(i), t, sinkUtf8[i]))
                    .addStatement("out.writeNull()")
                    .nextControlFlow("else")
                    .addStatement(sinkUtf8[i] ? CodeBlock.of("out.writeUtf8(row.$L)", sinkFields.get(i))
                            : ValueCode.copyWrite("out", CodeBlock.of("row.$L", sinkFields.get(i)), t))
                    .endControlFlow().build());
        }
        addColumns(m, "encodeColumns", columns);
        return m.build();
    }

    private MethodSpec bind() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("bind").addModifiers(Modifier.PRIVATE)
                .addParameter(sinkRow, "row").addParameter(PreparedStatement.class, "ps").addParameter(TypeName.INT, "p")
                .addException(SQLException.class);
        if (wholeTuple) {
            return m.addStatement("throw new $T($S)", UnsupportedOperationException.class, "this job writes by binary COPY").build();
        }
        List<CodeBlock> columns = new ArrayList<>();
        for (int i = 0; i < sinkFields.size(); i++) {
            SqlType t = plan.sink().columns().get(i).type();
            CodeBlock index = i == 0 ? CodeBlock.of("p") : CodeBlock.of("p + $L", i);
            columns.add(CodeBlock.builder().beginControlFlow("if ($L)", isNull("row", sinkFields.get(i), t, sinkUtf8[i]))
                    .addStatement("ps.setNull($L, $T.$L)", index, Types.class, ValueCode.sqlTypesName(t))
                    .nextControlFlow("else")
                    .addStatement(!sinkUtf8[i] ? ValueCode.bind("ps", index, CodeBlock.of("row.$L", sinkFields.get(i)), t)
                            : t.kind().isText() ? ValueCode.bind("ps", index, CodeBlock.of("row.$L.toString()", sinkFields.get(i)), t)
                            : CodeBlock.of("ps.setObject($L, $L, $T.OTHER)", index, bytesText(CodeBlock.of("row.$L", sinkFields.get(i)), t), Types.class))
                    .endControlFlow().build());
        }
        addColumns(m, "bindColumns", columns);
        return m.build();
    }

    /** A renderer of rows that hold a whole tuple: its fields read back as text ({@link PgTupleText}). */
    private MethodSpec tupleRenderer(String name, ClassName row, List<String> columns) {
        return rendererOf(name, row, columns, MethodSpec.methodBuilder("render").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String[].class).addParameter(row, "row")
                .addStatement("return TUPLE_TEXT.render(row.tuple)").build());
    }

    private MethodSpec renderer(String name, ClassName row, List<String> fields, List<String> columns, List<SqlType> types,
                                boolean[] utf8) {
        MethodSpec.Builder render = MethodSpec.methodBuilder("render").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String[].class).addParameter(row, "row")
                .addStatement("String[] a = new String[$L]", fields.size());
        List<CodeBlock> values = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            values.add(CodeBlock.builder().addStatement("a[$L] = $L ? null : $L", i, isNull("row", fields.get(i), types.get(i), utf8[i]),
                    utf8[i] ? bytesText(CodeBlock.of("row.$L", fields.get(i)), types.get(i)) : ValueCode.text(CodeBlock.of("row.$L", fields.get(i)), types.get(i)))
                    .build());
        }
        addColumns(render, name + "Columns", values, ParameterSpec.builder(String[].class, "a").build());
        render.addStatement("return a");
        return rendererOf(name, row, columns, render.build());
    }

    /** The method {@code name} returning a {@link RowRenderer} of {@code columns} whose {@code render} is {@code render}. */
    private static MethodSpec rendererOf(String name, ClassName row, List<String> columns, MethodSpec render) {
        CodeBlock names = columns.stream().map(c -> CodeBlock.of("$S", c)).collect(CodeBlock.joining(", "));
        TypeSpec anon = TypeSpec.anonymousClassBuilder("")
                .addSuperinterface(ParameterizedTypeName.get(ClassName.get(RowRenderer.class), row))
                .addMethod(MethodSpec.methodBuilder("columnNames").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(List.class, String.class))
                        .addStatement("return $T.of($L)", List.class, names).build())
                .addMethod(render)
                .build();
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(RowRenderer.class), row))
                .addStatement("return $L", anon).build();
    }

    /** The text of a column carried as bytes: UTF-8 text as it is, a forwarded binary value as the server's text of it. */
    private static CodeBlock bytesText(CodeBlock field, SqlType t) {
        return t.kind().isText() ? CodeBlock.of("$L.toString()", field)
                : CodeBlock.of("$T.text($T.$L, $L)", PgBinaryRecord.class, SqlType.Kind.class, t.kind().name(), field);
    }

    /**
     * Adds the code of each column to {@code into}; beyond {@value #COLUMNS_PER_METHOD} columns, in
     * private methods {@code partName0, partName1, ...} of a slice each, called in order with the
     * parameters of {@code into} and {@code extra}.
     */
    private void addColumns(MethodSpec.Builder into, String partName, List<CodeBlock> columns, ParameterSpec... extra) {
        if (columns.size() <= COLUMNS_PER_METHOD) {
            columns.forEach(into::addCode);
            return;
        }
        MethodSpec head = into.build();
        List<ParameterSpec> params = new ArrayList<>(head.parameters());
        params.addAll(List.of(extra));
        String args = params.stream().map(ParameterSpec::name).collect(java.util.stream.Collectors.joining(", "));
        for (int from = 0, k = 0; from < columns.size(); from += COLUMNS_PER_METHOD, k++) {
            MethodSpec.Builder part = MethodSpec.methodBuilder(partName + k).addModifiers(Modifier.PRIVATE)
                    .addParameters(params).addExceptions(head.exceptions());
            columns.subList(from, Math.min(columns.size(), from + COLUMNS_PER_METHOD)).forEach(part::addCode);
            parts.add(part.build());
            into.addStatement("$L($L)", partName + k, args);
        }
    }

    /** A column name as part of a Java identifier. */
    static String identifier(String column) {
        StringBuilder sb = new StringBuilder();
        for (char c : column.toCharArray()) {
            sb.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        return sb.length() > 40 ? sb.substring(0, 40) : sb.toString();
    }
}
