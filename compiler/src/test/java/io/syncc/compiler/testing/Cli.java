package io.syncc.compiler.testing;

import io.syncc.compiler.cli.SynccCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real CLI in-process and captures what it prints. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {
    }

    /** {@code syncc run JOB --no-progress --work-dir WORK EXTRA...}: a job run as the tests run them. */
    public static Result runJob(java.nio.file.Path job, java.nio.file.Path workDir, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", job.toString(), "--no-progress", "--work-dir",
                workDir.toString()));
        args.addAll(java.util.List.of(extra));
        return run(args.toArray(String[]::new));
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SynccCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
