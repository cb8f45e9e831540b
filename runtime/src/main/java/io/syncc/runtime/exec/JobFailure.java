package io.syncc.runtime.exec;

/**
 * A failure with a message for people (no secrets, no stack trace needed): bad configuration,
 * an exceeded dirty-record budget, an unreachable database. {@link JobRunner#run} turns it into
 * {@link JobReport#failure()}.
 */
public final class JobFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
