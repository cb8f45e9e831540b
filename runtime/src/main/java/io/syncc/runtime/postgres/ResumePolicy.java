package io.syncc.runtime.postgres;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.spi.Sink.RunStart;
import io.syncc.runtime.state.PgStateStore.Previous;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a run resumes what an earlier, unfinished run of the same job and parameters committed,
 * starts over, or refuses because either could lose or duplicate rows:
 *
 * <ul>
 *   <li>overwrite: the committed splits are in a private staging table, so the run resumes when the
 *       split plan, the mapping and the staging table are as they were, and otherwise starts over;</li>
 *   <li>append: resumes only when the split plan and mapping are unchanged and the target is provably
 *       as the committed splits left it (same table, same storage — TRUNCATE, VACUUM FULL and
 *       rewrites change it — and, without {@code on conflict}, at least the rows they wrote);
 *       {@code --fresh} is refused while rows of the earlier run may still be in the target, unless
 *       {@code --allow-duplicates} (or {@code on conflict replace|ignore}, which cannot duplicate).</li>
 * </ul>
 */
final class ResumePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePolicy.class);

    private final PostgresSink<?> sink;
    private final RunStart start;
    private final Connection admin;

    ResumePolicy(PostgresSink<?> sink, RunStart start, Connection admin) {
        this.sink = sink;
        this.start = start;
        this.admin = admin;
    }

    boolean decide(Previous p) throws SQLException {
        if (p == null) {
            return false;
        }
        String changed = changed(p);
        if (sink.plan.mode() == SinkPlan.LoadMode.OVERWRITE) {
            if (start.fresh() || changed != null) {
                LOG.info("job {}: starting over; the unfinished run's staged rows are discarded ({})", sink.job,
                        start.fresh() ? "--fresh" : "the " + changed + " changed");
                return false;
            }
            String staged = PostgresSink.exists(admin, sink.plan.schema(), sink.stageName())
                    ? PostgresSink.identity(admin, sink.writeTable) : null;
            if (staged == null || (p.targetIdentity() != null && !p.targetIdentity().equals(staged))
                    || count(sink.writeTable) != p.rowsWritten()) {
                LOG.info("job {}: starting over; the staging table of the unfinished run is missing or was changed", sink.job);
                return false;
            }
            return true;
        }
        boolean upsert = sink.plan.conflict() == SinkPlan.ConflictStrategy.REPLACE
                || sink.plan.conflict() == SinkPlan.ConflictStrategy.IGNORE;
        if (start.fresh()) {
            if (upsert || start.allowDuplicates() || empty()) {
                return false;
            }
            throw new SyncException(SyncException.Kind.CONFIGURATION, what(p) + " into " + sink.display + ", and the target is not empty; --fresh would write those rows"
                    + " again. Choose one: run without --fresh to resume that run; use `mode overwrite` to replace the table's rows;"
                    + " or add --allow-duplicates to load everything again on top of them");
        }
        if (changed != null) {
            throw new SyncException(SyncException.Kind.CONFIGURATION, "cannot resume: the " + changed + " changed since " + since(p) + " into " + sink.display
                    + ". Restore the earlier " + changed + " and run again to resume, or start over: `mode overwrite` replaces the table's"
                    + " rows; --fresh --allow-duplicates keeps the rows the unfinished run wrote and loads everything again");
        }
        String problem = targetProblem(p, upsert);
        if (problem != null) {
            boolean empty = empty();
            throw new SyncException(SyncException.Kind.CONFIGURATION, "cannot resume: " + sink.display + " is not as the unfinished run left it: " + problem
                    + ", so rows of its " + splits(p) + " may be gone. Run with --fresh to load every split again"
                    + (empty ? "" : " (the table is not empty: add --allow-duplicates to keep what it holds, or empty it first)"));
        }
        return true;
    }

    /** {@code job j (bizdate=20260101): an unfinished run of 2026-11-23 20:01:02 committed 3 splits (33,333 rows)} */
    private String what(Previous p) {
        return "job " + sink.job + " (" + sink.paramsText() + "): " + since(p);
    }

    /** {@code an unfinished run of 2026-11-23 20:01:02 committed 3 splits (33,333 rows)} */
    private static String since(Previous p) {
        return "an unfinished run of " + p.startedAt() + " committed " + splits(p);
    }

    private static String splits(Previous p) {
        int n = p.committed().size();
        long rows = p.rowsWritten();
        return String.format(Locale.ROOT, "%d split%s (%,d row%s)", n, n == 1 ? "" : "s", rows, rows == 1 ? "" : "s");
    }

    /** What differs between the earlier run and this one, or {@code null}. */
    private String changed(Previous p) {
        boolean splits = !p.splitPlan().equals(start.splitPlan());
        boolean mapping = !p.mapping().equals(start.mapping());
        if (splits && mapping) {
            return "source's split plan (files, sizes or key ranges) and the mapping";
        }
        if (splits) {
            return "source's split plan (files, sizes or key ranges)";
        }
        return mapping ? "mapping (the columns read or written)" : null;
    }

    private String targetProblem(Previous p, boolean upsert) throws SQLException {
        String now = PostgresSink.identity(admin, sink.target);
        if (p.targetIdentity() != null && now != null && !p.targetIdentity().equals(now)) {
            String oldOid = p.targetIdentity().substring(0, p.targetIdentity().indexOf(':'));
            String newOid = now.substring(0, now.indexOf(':'));
            return oldOid.equals(newOid)
                    ? "its storage was replaced (TRUNCATE, VACUUM FULL, CLUSTER or a rewriting ALTER TABLE)"
                    : "it was dropped and created again";
        }
        if (!upsert) {
            long rows = count(sink.target);
            if (rows < p.rowsWritten()) {
                return String.format(Locale.ROOT, "it holds %,d rows, fewer than the %,d the committed splits wrote", rows, p.rowsWritten());
            }
        }
        return null;
    }

    private boolean empty() throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + sink.target + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private long count(String table) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
