package io.syncc.runtime.testing;

import io.syncc.runtime.codegen.BinaryCopyOut;
import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.Conversions;
import io.syncc.runtime.codegen.CopyEncoder;
import io.syncc.runtime.codegen.CsvRecord;
import io.syncc.runtime.codegen.CsvRowDecoder;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.codegen.InsertBinder;
import io.syncc.runtime.codegen.JdbcRowDecoder;
import io.syncc.runtime.codegen.PgRowDecoder;
import io.syncc.runtime.codegen.PgBinaryRecord;
import io.syncc.runtime.codegen.RowMapper;
import io.syncc.runtime.codegen.RowRenderer;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Hand-written stand-in for what the code generator emits for the table
 * {@code bank(id bigint primary key, name text, amount numeric(12,2), score double precision,
 * born date, seen timestamp, active boolean)} with {@code map by name}: one row class per side
 * with primitive fields and null flags, decoders, a mapper and encoders.
 */
public final class BankJob implements GeneratedJob<BankJob.Row, BankJob.Row> {

    public static final List<String> COLUMNS = List.of("id", "name", "amount", "score", "born", "seen", "active");

    /** Generated row: one field per column, a null flag per nullable primitive. */
    public static final class Row {
        public long id;
        public boolean idNull;
        public String name;
        public BigDecimal amount;
        public double score;
        public boolean scoreNull;
        public int born;
        public boolean bornNull;
        public long seen;
        public boolean seenNull;
        public boolean active;
        public boolean activeNull;
    }

    /** Runtime tests build their plans themselves and pass them to the runner. */
    @Override
    public io.syncc.runtime.plan.JobPlan plan() {
        throw new IllegalStateException("BankJob has no compiled-in plan");
    }

    private static final RowRenderer<Row> RENDERER = new RowRenderer<>() {
        @Override
        public List<String> columnNames() {
            return COLUMNS;
        }

        @Override
        public String[] render(Row r) {
            return new String[] {
                r.idNull ? null : Conversions.text(r.id),
                r.name,
                r.amount == null ? null : Conversions.text(r.amount),
                r.scoreNull ? null : Conversions.text(r.score),
                r.bornNull ? null : Conversions.dateText(r.born),
                r.seenNull ? null : Conversions.timestampText(r.seen),
                r.activeNull ? null : Conversions.text(r.active)};
        }
    };

    @Override
    public void init(Map<String, String> params) {
    }

    @Override
    public Row newSourceRow() {
        return new Row();
    }

    @Override
    public Row newSinkRow() {
        return new Row();
    }

    @Override
    public CsvRowDecoder<Row> csvDecoder() {
        return BankJob::decodeCsv;
    }

    private static void decodeCsv(CsvRecord rec, Row row) throws ConversionException {
        if (!(row.idNull = rec.isNull(0))) {
            row.id = rec.int64(0, "id");
        }
        row.name = rec.isNull(1) ? null : rec.text(1, "name");
        row.amount = rec.isNull(2) ? null : rec.decimal(2, "amount");
        if (!(row.scoreNull = rec.isNull(3))) {
            row.score = rec.float64(3, "score");
        }
        if (!(row.bornNull = rec.isNull(4))) {
            row.born = rec.date(4, "born", null);
        }
        if (!(row.seenNull = rec.isNull(5))) {
            row.seen = rec.timestamp(5, "seen", null);
        }
        if (!(row.activeNull = rec.isNull(6))) {
            row.active = rec.bool(6, "active");
        }
    }

    private final boolean copy;

    /** A job whose decoder reads JDBC result sets only: PostgreSQL sources read it with a cursor. */
    public BankJob() {
        this(false);
    }

    private BankJob(boolean copy) {
        this.copy = copy;
    }

    /** A job whose decoder also reads binary COPY, as generated decoders do: PostgreSQL sources read it by COPY. */
    public static BankJob copy() {
        return new BankJob(true);
    }

    @Override
    public JdbcRowDecoder<Row> jdbcDecoder() {
        if (!copy) {
            return BankJob::decodeJdbc;
        }
        return new PgRowDecoder<>() {
            @Override
            public void decode(ResultSet rs, Row row) throws SQLException {
                decodeJdbc(rs, row);
            }

            @Override
            public void decodeBinary(PgBinaryRecord r, Row row) throws ConversionException {
                decodeCopy(r, row);
            }
        };
    }

    private static void decodeCopy(PgBinaryRecord r, Row row) throws ConversionException {
        row.idNull = r.isNull(0);
        row.id = row.idNull ? 0 : r.int64(0);
        row.name = r.isNull(1) ? null : r.text(1);
        row.amount = r.isNull(2) ? null : r.numeric(2);
        row.scoreNull = r.isNull(3);
        row.score = row.scoreNull ? 0 : r.float64(3);
        row.bornNull = r.isNull(4);
        row.born = row.bornNull ? 0 : r.date(4);
        row.seenNull = r.isNull(5);
        row.seen = row.seenNull ? 0 : r.timestamp(5, "seen");
        row.activeNull = r.isNull(6);
        row.active = !row.activeNull && r.bool(6);
    }

    private static void decodeJdbc(ResultSet rs, Row row) throws SQLException {
        row.id = rs.getLong(1);
        row.idNull = rs.wasNull();
        row.name = rs.getString(2);
        row.amount = rs.getBigDecimal(3);
        row.score = rs.getDouble(4);
        row.scoreNull = rs.wasNull();
        LocalDate d = rs.getObject(5, LocalDate.class);
        row.bornNull = d == null;
        row.born = d == null ? 0 : Conversions.epochDays(d);
        LocalDateTime t = rs.getObject(6, LocalDateTime.class);
        row.seenNull = t == null;
        row.seen = t == null ? 0 : Conversions.epochMicros(t);
        row.active = rs.getBoolean(7);
        row.activeNull = rs.wasNull();
    }

    @Override
    public RowMapper<Row, Row> mapper() {
        return BankJob::map;
    }

    private static void map(Row in, Row out) throws ConversionException {
        out.id = in.id;
        out.idNull = in.idNull;
        out.name = in.name;
        out.amount = in.amount == null ? null : Conversions.fitDecimal(in.amount, 12, 2, "amount");
        out.score = in.score;
        out.scoreNull = in.scoreNull;
        out.born = in.born;
        out.bornNull = in.bornNull;
        out.seen = in.seen;
        out.seenNull = in.seenNull;
        out.active = in.active;
        out.activeNull = in.activeNull;
    }

    @Override
    public CopyEncoder<Row> copyEncoder() {
        return BankJob::encode;
    }

    private static void encode(Row r, BinaryCopyOut out) {
        out.startTuple(7);
        if (r.idNull) {
            out.writeNull();
        } else {
            out.writeInt64(r.id);
        }
        if (r.name == null) {
            out.writeNull();
        } else {
            out.writeText(r.name);
        }
        if (r.amount == null) {
            out.writeNull();
        } else {
            out.writeNumeric(r.amount);
        }
        if (r.scoreNull) {
            out.writeNull();
        } else {
            out.writeFloat64(r.score);
        }
        if (r.bornNull) {
            out.writeNull();
        } else {
            out.writeDate(r.born);
        }
        if (r.seenNull) {
            out.writeNull();
        } else {
            out.writeTimestamp(r.seen);
        }
        if (r.activeNull) {
            out.writeNull();
        } else {
            out.writeBool(r.active);
        }
    }

    @Override
    public InsertBinder<Row> insertBinder() {
        return BankJob::bind;
    }

    private static void bind(Row r, PreparedStatement ps, int p) throws SQLException {
        if (r.idNull) {
            ps.setNull(p, Types.BIGINT);
        } else {
            ps.setLong(p, r.id);
        }
        ps.setString(p + 1, r.name);
        ps.setBigDecimal(p + 2, r.amount);
        if (r.scoreNull) {
            ps.setNull(p + 3, Types.DOUBLE);
        } else {
            ps.setDouble(p + 3, r.score);
        }
        ps.setObject(p + 4, r.bornNull ? null : LocalDate.ofEpochDay(r.born), Types.DATE);
        ps.setObject(p + 5, r.seenNull ? null : LocalDateTime.parse(Conversions.timestampText(r.seen).replace(' ', 'T')),
                Types.TIMESTAMP);
        if (r.activeNull) {
            ps.setNull(p + 6, Types.BOOLEAN);
        } else {
            ps.setBoolean(p + 6, r.active);
        }
    }

    @Override
    public RowRenderer<Row> sourceRenderer() {
        return RENDERER;
    }

    @Override
    public RowRenderer<Row> sinkRenderer() {
        return RENDERER;
    }
}
