package io.syncc.runtime.exec;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.JobPlan;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Main-Class} of every job jar: {@code java -jar job.jar [-p name=value]... [--work-dir DIR]
 * [--fresh [--allow-duplicates]] [--no-progress]}. Exit codes: 0 success, 1 job failed, 2 bad usage or environment
 * (a datasource that cannot be reached with its credentials before the load starts).
 */
public final class JobMain {

    /** The jar resource naming the generated job class; the plan is compiled into that class. */
    public static final String JOB_CLASS = "syncc/job-class";

    private JobMain() {
    }

    /**
     * Why {@code --from}/{@code --full} cannot be used with this plan, or {@code null} when they can
     * (the CLI's {@code syncc run} asks the same).
     */
    public static String incrementOptions(JobPlan plan, String from, boolean full) {
        if (from != null && full) {
            return "--from and --full exclude each other (--full reads every row)";
        }
        if ((from != null || full) && plan.source().incrementalBy() == null) {
            return (full ? "--full" : "--from") + " applies to incremental jobs (source { incremental by COLUMN }), and job "
                    + plan.job() + " reads every row each run";
        }
        return null;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> params = new LinkedHashMap<>();
        Path workDir = Path.of("").toAbsolutePath();
        boolean fresh = false;
        boolean allowDuplicates = false;
        boolean progress = System.console() != null;
        String at = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        String zone = null;
        String from = null;
        boolean full = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-p", "--param" -> {
                    if (i + 1 >= args.length || !args[i + 1].contains("=")) {
                        return usage(err, a + " needs name=value");
                    }
                    String kv = args[++i];
                    params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
                case "--work-dir" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--work-dir needs a folder");
                    }
                    workDir = Path.of(args[++i]).toAbsolutePath();
                }
                case "--set" -> {
                    if (i + 1 >= args.length || !args[i + 1].contains("=")) {
                        return usage(err, "--set needs DATASOURCE.SETTING=VALUE");
                    }
                    String kv = args[++i];
                    overrides.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
                case "--at" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--at needs a time");
                    }
                    at = args[++i];
                }
                case "--time-zone" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--time-zone needs a zone");
                    }
                    zone = args[++i];
                }
                case "--from" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--from needs a value of the job's incremental column");
                    }
                    from = args[++i];
                }
                case "--full" -> full = true;
                case "--fresh" -> fresh = true;
                case "--allow-duplicates" -> allowDuplicates = true;
                case "--no-progress" -> progress = false;
                case "--progress" -> progress = true;
                case "-h", "--help" -> {
                    usage(out, null);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-p") && a.contains("=")) {
                        String kv = a.substring(2);
                        params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    } else {
                        return usage(err, "unknown argument " + a);
                    }
                }
            }
        }
        JobPlan plan;
        GeneratedJob<?, ?> program;
        try (InputStream in = JobMain.class.getClassLoader().getResourceAsStream(JOB_CLASS)) {
            if (in == null) {
                err.println("error: this jar holds no " + JOB_CLASS + "; build job jars with `syncc compile`");
                return 2;
            }
            String generated = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            program = (GeneratedJob<?, ?>) Class.forName(generated).getDeclaredConstructor().newInstance();
            plan = program.plan();
        } catch (Exception e) {
            err.println("error: cannot load the job from this jar: " + e);
            return 2;
        }
        try {
            Map<String, String> all = new LinkedHashMap<>(io.syncc.runtime.plan.PlanOverrides.fromEnvironment(plan, System.getenv()));
            all.putAll(overrides); // the command line wins
            plan = io.syncc.runtime.plan.PlanOverrides.apply(plan, all, workDir);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        java.time.LocalDateTime cyctime;
        try {
            cyctime = io.syncc.runtime.params.TimeExpressions.scheduledTime(at, io.syncc.runtime.params.TimeExpressions.zone(zone));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        for (String name : plan.parameters()) {
            if (!params.containsKey(name)) {
                java.util.Optional<String> builtIn = io.syncc.runtime.params.TimeExpressions.builtIn(name, cyctime);
                if (builtIn.isPresent()) {
                    params.put(name, builtIn.get());
                    continue;
                }
                err.println("error: job " + plan.job() + " needs parameter ${" + name + "}: pass -p " + name + "=VALUE");
                return 2;
            }
        }
        try {
            Connectivity.preflight(plan, workDir);
        } catch (SyncException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        String refused = incrementOptions(plan, from, full);
        if (refused != null) {
            return usage(err, refused);
        }
        JobReport report = Foreground.run(plan, program, new RunOptions(params, workDir, progress, fresh, allowDuplicates, from, full),
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return report.succeeded() ? 0 : 1;
    }

    private static int usage(PrintStream s, String problem) {
        if (problem != null) {
            s.println("error: " + problem);
        }
        s.println("usage: java -jar job.jar [-p name=value]... [--set DS.SETTING=VALUE]... [--at TIME] [--time-zone ZONE] [--work-dir DIR] [--from VALUE | --full] [--fresh [--allow-duplicates]] [--no-progress]");
        s.println("  -p, --param name=value  value of a ${name} parameter of the job");
        s.println("  --set DS.SETTING=VALUE  replace a datasource setting of plan.json, e.g. files.path=/data or dw.url=jdbc:postgresql://h/db;");
        s.println("                          also SYNCC_<DATASOURCE>_<SETTING>=VALUE; passwords only as env:VAR or file:PATH");
        s.println("  --at TIME               the scheduled time for ${bizdate} (the day before) and ${cyctime} (default: now)");
        s.println("  --time-zone ZONE        its time zone, e.g. Asia/Shanghai (default: $SYNCC_TIME_ZONE, else the machine's)");
        s.println("  --work-dir DIR          where dirty-record files go and .syncc/ is looked up (default: current folder)");
        s.println("  --from VALUE            incremental job: read the rows from VALUE on instead of after the kept watermark");
        s.println("  --full                  incremental job: read every row, and keep the watermark anew");
        s.println("  --fresh                 start over instead of resuming an earlier unfinished run");
        s.println("  --allow-duplicates      with --fresh: load again although rows of the earlier append run are in the target");
        s.println("  --no-progress           no progress bar");
        return 2;
    }
}
