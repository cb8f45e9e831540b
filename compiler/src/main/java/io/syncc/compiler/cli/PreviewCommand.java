package io.syncc.compiler.cli;

import io.syncc.compiler.codegen.Compilation;
import io.syncc.runtime.exec.JobRunner;
import io.syncc.runtime.exec.Preview;
import io.syncc.runtime.exec.RunOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Show the first rows of the source after mapping, as the sink would receive them. Writes nothing."})
public final class PreviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    WorkDirOption workDir;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10", description = "how many rows (default: ${DEFAULT-VALUE})")
    int rows;

    @Override
    public Integer call() {
        try (Frontend frontend = new Frontend(spec.commandLine().getErr(), common.offline, workDir.path()).env(common.environment)) {
            Optional<Compilation> compiled = frontend.compileForRun(common);
            if (compiled.isEmpty()) {
                return frontend.exitCode();
            }
            Compilation compilation = compiled.get();
            Preview preview = JobRunner.previewWithRejected(compilation.plan(), compilation.instantiate(),
                    new RunOptions(frontend.params(), workDir.path(), false, false), Math.max(0, rows));
            List<String> header = compilation.plan().sink().columns().stream().map(c -> c.name()).toList();
            print(spec.commandLine().getOut(), header, preview.rows());
            printRejected(spec.commandLine().getOut(), preview.rejected());
            return 0;
        }
    }

    /** A plain text table: header, rule, rows; NULL shown as {@code NULL}. */
    public static void print(PrintWriter out, List<String> header, List<String[]> rows) {
        int n = header.size();
        int[] width = new int[n];
        List<String[]> cells = new ArrayList<>();
        for (String[] r : rows) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                String v = i < r.length ? r[i] : null;
                c[i] = v == null ? "NULL" : v.replace("\n", "\\n");
            }
            cells.add(c);
        }
        for (int i = 0; i < n; i++) {
            width[i] = header.get(i).length();
            for (String[] c : cells) {
                width[i] = Math.max(width[i], Math.min(40, c[i].length()));
            }
        }
        out.println(line(header.toArray(String[]::new), width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] c : cells) {
            out.println(line(c, width));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    /** Records a run would keep as dirty rows, with a hint when the file's encoding looks wrong. */
    public static void printRejected(PrintWriter out, List<Preview.Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        out.println();
        out.println(rejected.size() + (rejected.size() == Preview.MAX_REJECTED ? "+" : "")
                + (rejected.size() == 1 ? " record was" : " records were") + " rejected on the way (a run keeps them as dirty rows):");
        boolean encoding = false;
        for (Preview.Rejected r : rejected) {
            out.println("  " + r.location() + ": " + r.reason());
            encoding |= r.reason().contains("invalid byte sequence") || r.reason().contains("cannot be decoded");
        }
        if (encoding) {
            out.println("hint: the file does not decode with the datasource's encoding; if it is not UTF-8, set it, e.g. encoding \"GBK\"");
        }
    }

    private static String line(String[] c, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            String v = c[i].length() > 40 ? c[i].substring(0, 39) + "…" : c[i];
            sb.append(i == 0 ? "" : " | ").append(v).append(" ".repeat(width[i] - v.length()));
        }
        return sb.toString().stripTrailing();
    }
}
