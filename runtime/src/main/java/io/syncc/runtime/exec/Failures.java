package io.syncc.runtime.exec;


/** Which failures are worth another attempt of a split, and how long to wait before it. */
final class Failures {

    private Failures() {
    }

    static boolean isTransient(Throwable e) {
        return io.syncc.runtime.spi.SyncException.isTransient(e);
    }

    /** 0.2 s, 0.4 s, 0.8 s, ... at most 10 s. */
    static long backoffMillis(int attempt) {
        return Math.min(10_000L, 200L << Math.min(attempt, 10));
    }

    static String describe(Throwable e) {
        return JobExecution.describe(e);
    }
}
