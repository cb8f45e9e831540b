package io.syncc.compiler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncc}: check, compile and run {@code .sync} jobs. */
@Command(name = "syncc", mixinStandardHelpOptions = true, versionProvider = SynccCli.Version.class,
        description = {"Declarative batch data synchronisation: check a .sync job, compile it to a job jar, run it."},
        footer = {"", "Exit codes: 0 success, 1 errors in the files or a failed job, 2 bad usage or environment."})
public final class SynccCli implements java.util.concurrent.Callable<Integer> {

    /** The commands, in the order {@code syncc --help} lists them (then the extensions'). */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(CheckCommand.class, CompileCommand.class,
            RunCommand.class, PreviewCommand.class, DdlCommand.class, PingCommand.class, CatalogCommand.class, GuessCommand.class,
            DbCommand.class, StateCommand.class, CommandLine.HelpCommand.class);

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
        addCommands(cli, args.length == 0 ? "" : args[0]);
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

    /**
     * Adds the commands to {@code cli}. picocli builds the model of every command it is given (a
     * tenth of a second of a start-up for all of them), so when the first argument names a built-in
     * command only that one is added; anything else (an option, {@code help}, a misspelt or an
     * extension's command) gets them all, so help lists them and a typo gets its suggestion.
     */
    private static void addCommands(CommandLine cli, String first) {
        for (Class<?> c : COMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && (command.name().equals(first) || java.util.List.of(command.aliases()).contains(first))) {
                cli.addSubcommand(c);
                return;
            }
        }
        for (Class<?> c : COMMANDS) {
            cli.addSubcommand(c);
        }
        for (CommandExtension extension : java.util.ServiceLoader.load(CommandExtension.class)) {
            cli.addSubcommand(extension.command());
        }
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
