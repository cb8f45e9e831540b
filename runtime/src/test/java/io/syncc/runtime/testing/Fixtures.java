package io.syncc.runtime.testing;

import io.syncc.runtime.embedded.EmbeddedServer;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SourceColumn;
import io.syncc.runtime.plan.SourcePlan;
import io.syncc.runtime.plan.SqlText;
import io.syncc.runtime.types.SqlType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.postgresql.PGConnection;

/** Plans, data and checks shared by the runtime's tests. */
public final class Fixtures {

    public static final String COLUMNS_DDL = "(id bigint primary key, name text, amount numeric(12,2), "
            + "score double precision, born date, seen timestamp, active boolean)";

    public static final List<SqlType> TYPES = List.of(SqlType.of(SqlType.Kind.BIGINT), SqlType.of(SqlType.Kind.TEXT),
            new SqlType(SqlType.Kind.NUMERIC, 12, 2), SqlType.of(SqlType.Kind.DOUBLE), SqlType.of(SqlType.Kind.DATE),
            SqlType.of(SqlType.Kind.TIMESTAMP), SqlType.of(SqlType.Kind.BOOLEAN));

    private Fixtures() {
    }

    public static PostgresDatasourcePlan pg(EmbeddedServer server) {
        return new PostgresDatasourcePlan("pg", "postgres", server.jdbcUrl(), null, null, Map.of());
    }

    public static CsvDatasourcePlan csv(Path dir) {
        return new CsvDatasourcePlan("lake", dir.toString(), true, ',', '"', "", "UTF-8");
    }

    public static List<SourceColumn> sourceColumns() {
        List<SourceColumn> out = new ArrayList<>();
        for (int i = 0; i < BankJob.COLUMNS.size(); i++) {
            out.add(new SourceColumn(BankJob.COLUMNS.get(i), TYPES.get(i), TYPES.get(i), null, i));
        }
        return out;
    }

    public static SourcePlan csvSource(Path dir, String table) {
        return new SourcePlan(csv(dir), null, table, sourceColumns(), null, null, 7);
    }

    public static SourcePlan pgSource(EmbeddedServer server, String table, SqlText where, String splitBy) {
        return new SourcePlan(pg(server), "public", table, sourceColumns(), where, splitBy, 0);
    }

    public static SinkPlan sink(EmbeddedServer server, String table, SinkPlan.WriteMethod write, SinkPlan.ConflictStrategy conflict,
                                SinkPlan.LoadMode mode) {
        return sink(pg(server), table, write, conflict, mode);
    }

    /** The bank sink into {@code table} of a datasource of the test's choosing (a proxy, other credentials). */
    public static SinkPlan sink(PostgresDatasourcePlan datasource, String table, SinkPlan.WriteMethod write,
                                SinkPlan.ConflictStrategy conflict, SinkPlan.LoadMode mode) {
        List<SinkColumn> cols = new ArrayList<>();
        for (int i = 0; i < BankJob.COLUMNS.size(); i++) {
            cols.add(new SinkColumn(BankJob.COLUMNS.get(i), TYPES.get(i), i != 0));
        }
        return new SinkPlan(datasource, "public", table, cols, List.of("id"), write, conflict, mode,
                "CREATE TABLE public." + table + " " + COLUMNS_DDL, List.of(), List.of());
    }

    public static ChannelPlan channel(int parallelism, long maxErrors) {
        return new ChannelPlan(parallelism, 0, 0, maxErrors, -1);
    }

    /** A sink on the SPI's memory connector (test-only, {@code MemoryConnector.ROWS}) with the bank columns. */
    public static SinkPlan memorySink() {
        List<SinkColumn> cols = new ArrayList<>();
        for (int i = 0; i < BankJob.COLUMNS.size(); i++) {
            cols.add(new SinkColumn(BankJob.COLUMNS.get(i), TYPES.get(i), true));
        }
        return new SinkPlan(new io.syncc.runtime.spi.MemoryConnector.MemoryDatasourcePlan("mem"), "none", "rows", cols, List.of(),
                SinkPlan.WriteMethod.COPY, SinkPlan.ConflictStrategy.NONE, SinkPlan.LoadMode.APPEND, null, List.of(), List.of());
    }

    public static JobPlan job(String name, SourcePlan source, SinkPlan sink, ChannelPlan channel) {
        return new JobPlan(name, name + ".sync", source, sink, channel, List.of(), BankJob.class.getName());
    }

    // ---- data -------------------------------------------------------------------------------

    /** Random bank rows as CSV field texts ({@code null} = SQL NULL), ids from {@code firstId}. */
    public static List<String[]> rows(long seed, int n, long firstId) {
        Random r = new Random(seed);
        List<String[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] f = new String[7];
            f[0] = Long.toString(firstId + i);
            f[1] = r.nextInt(20) == 0 ? null : name(r);
            f[2] = r.nextInt(25) == 0 ? null : String.format(java.util.Locale.ROOT, "%d.%02d", r.nextInt(2_000_000) - 1_000_000, r.nextInt(100));
            f[3] = r.nextInt(25) == 0 ? null : Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(12) - 4));
            f[4] = r.nextInt(25) == 0 ? null : LocalDate.ofEpochDay(r.nextInt(40_000) - 10_000).toString();
            f[5] = r.nextInt(25) == 0 ? null : LocalDateTime.of(1990 + r.nextInt(40), 1 + r.nextInt(12), 1 + r.nextInt(28),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000).toString().replace('T', ' ');
            f[6] = r.nextInt(25) == 0 ? null : r.nextBoolean() ? "t" : "false";
            out.add(f);
        }
        return out;
    }

    private static final String[] PIECES = {"alice", "bob", "zoë", "李雷", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", " spaced ",
        "", "x", "O'Brien", "tab\there", "🙂"};

    private static String name(Random r) {
        StringBuilder b = new StringBuilder();
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    public static String csvLine(String[] fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = fields[i];
            if (v == null) {
                continue;
            }
            if (v.isEmpty() || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                    || !v.strip().equals(v)) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.toString();
    }

    public static Path writeCsv(Path file, List<String[]> rows) throws IOException {
        StringBuilder b = new StringBuilder(String.join(",", BankJob.COLUMNS)).append('\n');
        for (String[] r : rows) {
            b.append(csvLine(r)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }

    // ---- database ---------------------------------------------------------------------------

    public static Connection connect(EmbeddedServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    public static void exec(EmbeddedServer server, String... sql) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    public static long count(EmbeddedServer server, String table) throws SQLException {
        return queryLong(server, "SELECT count(*) FROM " + table);
    }

    /** Sessions named {@code applicationName} left once there are none, or after 30 seconds. */
    public static long sessionsLeft(EmbeddedServer server, String applicationName) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long sessions;
        while ((sessions = queryLong(server, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return sessions;
    }

    public static long queryLong(EmbeddedServer server, String sql) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** md5 over all values of all rows, ordered by id. */
    public static String checksum(EmbeddedServer server, String tableOrQuery) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) || ':' || count(*) FROM "
                     + tableOrQuery + " t")) {
            rs.next();
            return rs.getString(1) == null ? "empty" : rs.getString(1);
        }
    }

    /** Loads rows with PostgreSQL's own CSV parser: the independent oracle for expected values. */
    public static void loadWithPostgres(EmbeddedServer server, String table, List<String[]> rows) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            b.append(csvLine(r)).append('\n');
        }
        try (Connection c = connect(server)) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS " + table + " " + COLUMNS_DDL.replace(" primary key", ""));
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", new StringReader(b.toString()));
        }
    }
}
