package io.syncc.compiler.cli;

import io.syncc.compiler.check.CheckedJob;
import java.io.PrintWriter;
import java.util.Map;

/** Checks command-line parameters against what a job uses. */
final class Params {

    private Params() {
    }

    static boolean complete(CheckedJob job, Map<String, String> given, PrintWriter err) {
        boolean ok = true;
        for (String p : job.parameters()) {
            if (!given.containsKey(p)) {
                err.println("error: job " + job.name() + " needs parameter ${" + p + "}: pass -p " + p + "=VALUE");
                ok = false;
            }
        }
        for (String p : given.keySet()) {
            if (!job.parameters().contains(p)) {
                err.println("warning: parameter " + p + " is not used by job " + job.name());
            }
        }
        return ok;
    }
}
