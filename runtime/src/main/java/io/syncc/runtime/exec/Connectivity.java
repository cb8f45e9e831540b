package io.syncc.runtime.exec;

import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.spi.Connectors;
import io.syncc.runtime.spi.SyncException;
import java.nio.file.Path;

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
        return Connectors.forType(datasource.type()).ping(datasource, workDir);
    }
}
