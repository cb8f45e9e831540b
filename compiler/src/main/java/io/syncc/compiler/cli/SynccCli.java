package io.syncc.compiler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncc}: check, compile and run {@code .sync} jobs. */
@Command(name = "syncc", mixinStandardHelpOptions = true, versionProvider = SynccCli.Version.class,
        description = {"Declarative batch data synchronisation: check a .sync job, compile it to a job jar, run it."},
        subcommands = {CheckCommand.class, CompileCommand.class, RunCommand.class, PreviewCommand.class, DdlCommand.class,
                PingCommand.class, CatalogCommand.class, GuessCommand.class, DbCommand.class, StateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 errors in the files or a failed job, 2 bad usage or environment."})
public final class SynccCli implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI on the process's stdout/stderr and returns its exit code. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to {@code out} and {@code err} (tests call this). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SynccCli());
        for (CommandExtension extension : java.util.ServiceLoader.load(CommandExtension.class)) {
            cli.addSubcommand(extension.command());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // environment problems (unreachable database, unreadable file) are messages, not stack traces
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("syncc.debug")) {
                e.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return code;
    }

    /** {@code syncc} without a command: usage on stderr, exit code 2 (bad usage). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SynccCli.class.getPackage().getImplementationVersion();
            return new String[] {"syncc " + (v == null ? "development build" : v)};
        }
    }
}
