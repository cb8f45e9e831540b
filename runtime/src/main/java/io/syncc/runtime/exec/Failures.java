package io.syncc.runtime.exec;

import java.sql.SQLException;
import java.util.Set;

/** Which failures are worth another attempt of a split, and how long to wait before it. */
final class Failures {

    /**
     * SQLSTATEs of failures that another attempt on a new connection can cure: connection
     * exceptions (class 08, which pgjdbc also uses for a lost socket), an administrator's or a
     * crash's shutdown of the backend, a server starting up, serialization failures, deadlocks and
     * too many connections.
     */
    private static final Set<String> TRANSIENT = Set.of("57P01", "57P02", "57P03", "40001", "40P01", "53300");

    private Failures() {
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || TRANSIENT.contains(s.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** 0.2 s, 0.4 s, 0.8 s, ... at most 10 s. */
    static long backoffMillis(int attempt) {
        return Math.min(10_000L, 200L << Math.min(attempt, 10));
    }

    static String describe(Throwable e) {
        return JobExecution.describe(e);
    }
}
