package io.syncc.runtime.exec;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.csv.CsvFormat;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.util.PgConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Checks that a datasource can be reached (for {@code syncc ping}, and before a job runs). */
public final class Connectivity {

    private Connectivity() {
    }

    /**
     * Before a load starts: the job's datasources can be reached with their credentials (secrets
     * resolved, a connection opened), so an environment problem is told apart from a failed load.
     *
     * @throws SyncException naming the datasource (never a secret) when one cannot be reached
     */
    public static void preflight(io.syncc.runtime.plan.JobPlan plan, Path workDir) {
        ping(plan.source().datasource(), workDir);
        if (!plan.sink().datasource().name().equals(plan.source().datasource().name())) {
            ping(plan.sink().datasource(), workDir);
        }
    }

    /**
     * @return a one-line description of what was reached, e.g. {@code PostgreSQL 17.6 at ... as sync}
     * @throws SyncException with a message naming the datasource (and never a secret) when it cannot be reached
     */
    public static String ping(DatasourcePlan datasource, Path workDir) {
        if (datasource instanceof CsvDatasourcePlan csv) {
            CsvFormat.of(csv);
            Path p = Path.of(csv.path());
            if (!Files.exists(p)) {
                throw new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + csv.name() + "': path " + p + " does not exist");
            }
            if (!Files.isReadable(p)) {
                throw new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + csv.name() + "': path " + p + " is not readable");
            }
            return (Files.isDirectory(p) ? "folder " : "file ") + p;
        }
        PostgresDatasourcePlan pg = (PostgresDatasourcePlan) datasource;
        PgConnections connections = PgConnections.of(pg, workDir);
        try (Connection c = connections.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_user, current_database()")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " at " + connections.safeUrl() + ", database " + rs.getString(3)
                    + " as " + rs.getString(2);
        } catch (SQLException e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, "datasource '" + pg.name() + "': " + PgConnections.message(e), e);
        }
    }
}
