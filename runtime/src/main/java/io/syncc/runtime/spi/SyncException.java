package io.syncc.runtime.spi;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;

/**
 * The one failure type of syncc's runtime and connectors: a message for people (no secrets, no
 * stack trace needed) and a {@link Kind} that callers act on — the executor retries a split only
 * for {@link Kind#TRANSIENT}; a scheduler can tell a broken job from a flaky network.
 */
public class SyncException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, and so what helps. */
    public enum Kind {
        /** The job's setup or environment: settings, missing tables, permissions, credentials, run state. Fix and run again. */
        CONFIGURATION,
        /** The data: a budget of dirty rows exceeded, a file that cannot be parsed, a key that must not exist. */
        DATA,
        /** A lost connection, a restarted server, a serialization failure: another attempt may succeed. */
        TRANSIENT,
        /** The run was cancelled (Ctrl-C, an API call); what committed stays. */
        CANCELLED,
        /** A bug in syncc. */
        INTERNAL
    }

    /** SQLSTATEs that another attempt on a new connection can cure, besides class 08 (connection exceptions). */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01", "53300");

    private final Kind kind;

    public SyncException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public SyncException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static SyncException configuration(String message) {
        return new SyncException(Kind.CONFIGURATION, message);
    }

    /** A configuration failure with its cause (I/O, parsing): the message says what, the cause why in detail. */
    public static SyncException configurationOf(String message) {
        return new SyncException(Kind.CONFIGURATION, message);
    }

    public static SyncException configurationOf(String message, Throwable cause) {
        return new SyncException(Kind.CONFIGURATION, message, cause);
    }

    public static SyncException data(String message) {
        return new SyncException(Kind.DATA, message);
    }

    public static SyncException internal(String message) {
        return new SyncException(Kind.INTERNAL, message);
    }

    /** A failure caused by {@code cause}: transient when it is (see {@link #isTransient}), else {@code otherwise}. */
    public static SyncException caused(Kind otherwise, String message, Throwable cause) {
        return new SyncException(isTransient(cause) ? Kind.TRANSIENT : otherwise, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether another attempt can cure {@code e}: a {@code SyncException} of kind TRANSIENT, or an
     * {@link SQLException} (anywhere in the cause chain) of class 08 (connection exceptions, which
     * pgjdbc also uses for a lost socket), an administrator's or a crash's shutdown of the backend, a
     * server starting up, a serialization failure, a deadlock, or too many connections.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SyncException s && s.kind != Kind.TRANSIENT && t != e) {
                continue;
            }
            if (t instanceof SyncException s && s.kind == Kind.TRANSIENT) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
