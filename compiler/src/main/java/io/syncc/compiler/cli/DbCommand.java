package io.syncc.compiler.cli;

import io.syncc.runtime.embedded.EmbeddedServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"The embedded PostgreSQL that `url embedded` datasources use (data in .syncc/pg)."},
        subcommands = {DbCommand.Start.class})
final class DbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start the embedded PostgreSQL in the foreground until interrupted (Ctrl-C), so that job jars "
                    + "and psql can use it; prints its JDBC URL.", "`syncc run` starts it by itself when needed."})
    static final class Start implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        WorkDirOption workDir;

        @picocli.CommandLine.Option(names = "--durable", description = {"Run with PostgreSQL's default durability settings "
                + "(fsync, synchronous_commit and full_page_writes on) instead of the fast settings of a scratch server: "
                + "slower writes that survive a crash of the machine (and a server as benchmarks against `psql \\copy` assume)."})
        boolean durable;

        @Override
        public Integer call() throws InterruptedException {
            EmbeddedServer server = EmbeddedServer.start(workDir.path().resolve(".syncc").resolve("pg"), true, durable);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }));
            spec.commandLine().getOut().println("embedded PostgreSQL running" + (durable ? " (durable)" : "") + ": " + server.jdbcUrl());
            spec.commandLine().getOut().println("psql: psql -h 127.0.0.1 -p " + server.port() + " -U postgres postgres");
            spec.commandLine().getOut().flush();
            stop.await();
            return 0;
        }
    }
}
