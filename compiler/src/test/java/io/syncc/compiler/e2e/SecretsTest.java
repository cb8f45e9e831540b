package io.syncc.compiler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import io.syncc.runtime.util.PgConnections;
import io.syncc.runtime.util.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password read from env(...) or file(...) never shows up in output, logs, the plan, the
 * generated code, the jar or an error message.
 */
class SecretsTest {

    static final String PASSWORD = "Sup3r-S3cret-Pw!";

    @TempDir
    Path dir;

    @BeforeAll
    static void role() throws Exception {
        TestDb.exec("DROP DATABASE IF EXISTS secretdb", "DROP ROLE IF EXISTS syncc_secret_user",
                "CREATE ROLE syncc_secret_user LOGIN PASSWORD '" + PASSWORD + "'", "CREATE DATABASE secretdb OWNER syncc_secret_user");
        // the embedded server trusts local connections; make this database really check passwords
        Path hba = TestDb.server().home().resolve("data").resolve("pg_hba.conf");
        String rules = Files.readString(hba);
        String scram = "host secretdb syncc_secret_user 127.0.0.1/32 scram-sha-256\n";
        if (!rules.startsWith(scram)) {
            Files.writeString(hba, scram + rules);
        }
        TestDb.exec("SELECT pg_reload_conf()");
    }

    @AfterEach
    void environment() {
        Secrets.environmentForTesting(System::getenv);
    }

    private Path project(String passwordClause) throws IOException {
        String url = TestDb.server().jdbcUrl().replace("/postgres?user=postgres", "/secretdb");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/people.csv"), "id,name\n1,Ann\n2,Bob\nx,Bad\n");
        Files.writeString(dir.resolve("pw.txt"), PASSWORD + "\n");
        Files.writeString(dir.resolve("datasources.sync"), "datasource files { type csv path \"data\" }\n"
                + "datasource locked { type postgres url \"" + url + "\" user \"syncc_secret_user\" " + passwordClause + " }\n");
        Path job = dir.resolve("job.sync");
        Files.writeString(job, """
                job secret_job {
                  source files.people
                  sink locked.secret_people { mode overwrite  create if missing }
                  map by name { id as int }
                  channel { errors 1 }
                }
                """);
        return job;
    }

    @Test
    void filePasswordStaysOutOfOutputPlanSourcesAndJar() throws Exception {
        Path job = project("password file(\"pw.txt\")");
        Cli.Result run = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("rows written  2"), run.out());
        Path jar = dir.resolve("secret.jar");
        Cli.Result compile = Cli.run("compile", job.toString(), "-o", jar.toString(), "--keep-sources", dir.resolve("src").toString());
        assertEquals(0, compile.exitCode(), compile.toString());
        assertNoSecret(run.out() + run.err() + compile.out() + compile.err(), "CLI output");
        assertNoSecretInJar(jar);
        assertNoSecretInFolder(dir.resolve("src"));
        assertNoSecretInFolder(dir.resolve("dirty"));
        assertTrue(Files.readString(dir.resolve("src/io/syncc/generated/SecretJobJob.java")).contains("class SecretJobJob"));
    }

    @Test
    void envPasswordStaysOutOfTheJarAndTheChildProcessOutput() throws Exception {
        Path job = project("password env(\"SYNCC_TEST_PW\")");
        Secrets.environmentForTesting(name -> name.equals("SYNCC_TEST_PW") ? PASSWORD : System.getenv(name));
        Path jar = dir.resolve("env.jar");
        Cli.Result compile = Cli.run("compile", job.toString(), "-o", jar.toString());
        assertEquals(0, compile.exitCode(), compile.toString());
        assertNoSecretInJar(jar);

        var ok = JobJarTest.exec(dir, Map.of("SYNCC_TEST_PW", PASSWORD, "SYNCC_LOG_LEVEL", "DEBUG"),
                JobJarTest.java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(0, ok.getKey(), ok.getValue());
        assertNoSecret(ok.getValue(), "job output and logs");

        String wrong = "Wr0ng-Pa55word";
        var denied = JobJarTest.exec(dir, Map.of("SYNCC_TEST_PW", wrong), JobJarTest.java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(2, denied.getKey(), denied.getValue()); // the environment: found before the load starts
        assertTrue(denied.getValue().contains("password authentication failed"), denied.getValue());
        assertFalse(denied.getValue().contains(wrong), denied.getValue());

        var unset = JobJarTest.exec(dir, Map.of(), JobJarTest.java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(2, unset.getKey(), unset.getValue());
        assertTrue(unset.getValue().contains("SYNCC_TEST_PW"), unset.getValue());
    }

    @Test
    void aWrongOrUnsetPasswordIsAnEnvironmentErrorWithoutTheSecret() throws Exception {
        Path job = project("password env(\"SYNCC_TEST_PW\")");
        String wrong = "Wr0ng-Pa55word";
        Secrets.environmentForTesting(name -> name.equals("SYNCC_TEST_PW") ? wrong : System.getenv(name));
        for (List<String> args : List.of(List.of("check", job.toString()),
                List.of("run", job.toString(), "--no-progress", "--work-dir", dir.toString()))) {
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("error[SYN901]: cannot read metadata of locked.public.secret_people: cannot connect to datasource"
                    + " 'locked'"), r.err());
            assertTrue(r.err().contains("password authentication failed for user \"syncc_secret_user\""), r.err());
            assertFalse(r.err().contains(wrong), r.err());
        }
        Secrets.environmentForTesting(name -> name.equals("SYNCC_TEST_PW") ? null : System.getenv(name));
        Cli.Result unset = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(2, unset.exitCode(), unset.toString());
        assertTrue(unset.err().contains("error[SYN901]: cannot read metadata of locked.public.secret_people: the password of datasource"
                + " 'locked' comes from environment variable SYNCC_TEST_PW, which is not set"), unset.err());
    }

    @Test
    void aLiteralPasswordIsAWarningAndNeverCompiledIntoAJar() throws Exception {
        Path job = project("password \"" + PASSWORD + "\"");
        Cli.Result check = Cli.run("check", job.toString());
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.err().contains("warning[SYN601]: a literal password is a secret in a text file"), check.err());
        Cli.Result compile = Cli.run("compile", job.toString(), "-o", dir.resolve("lit.jar").toString());
        assertEquals(1, compile.exitCode(), compile.toString());
        assertTrue(compile.err().contains("has a literal password, which cannot go into a jar"), compile.err());
        assertFalse(Files.exists(dir.resolve("lit.jar")));
        Cli.Result run = Cli.run("run", job.toString(), "--no-progress", "--work-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        // the warning shows where the password is, not the password
        assertTrue(check.err().contains("user \"syncc_secret_user\" password \"***\" }\n"), check.err());
        assertNoSecret(check.out() + check.err() + compile.out() + compile.err() + run.out() + run.err(), "CLI output");
    }

    @Test
    void aPasswordInAUrlIsMaskedInEveryFinding() throws Exception {
        String url = TestDb.server().jdbcUrl().replace("/postgres?user=postgres", "/secretdb");
        String hostAndDb = url.substring("jdbc:postgresql://".length());
        for (String withPassword : List.of(url + "?user=syncc_secret_user&password=" + PASSWORD,
                url + "?ssl=false&PASSWORD=" + PASSWORD + "&user=syncc_secret_user",
                "jdbc:postgresql://syncc_secret_user:" + PASSWORD + "@" + hostAndDb)) {
            Path job = project("password env(\"SYNCC_TEST_PW\")");
            // a syntax error on the same line: the line is shown
            Files.writeString(dir.resolve("datasources.sync"), "datasource files { type csv path \"data\" }\n"
                    + "datasource locked { type postgres url \"" + withPassword + "\" user \"syncc_secret_user\" = }\n");
            for (List<String> args : List.of(List.of("check", job.toString()),
                    List.of("run", job.toString(), "--no-progress", "--work-dir", dir.toString()),
                    List.of("compile", job.toString(), "-o", dir.resolve("x.jar").toString()))) {
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                assertEquals(1, r.exitCode(), r.toString());
                assertTrue(r.err().contains("error[SYN100]: unexpected '='"), r.err());
                assertTrue(r.err().contains("***"), r.err());
                assertNoSecret(r.out() + r.err(), args.get(0) + " output");
            }
            Files.writeString(dir.resolve("datasources.sync"), "datasource files { type csv path \"data\" }\n"
                    + "datasource locked { type postgres url \"" + withPassword + "\" user \"syncc_secret_user\" }\n");
            Cli.Result check = Cli.run("check", dir.resolve("job.sync").toString());
            assertEquals(1, check.exitCode(), check.toString());
            assertTrue(check.err().contains("error[SYN601]: the url holds a password; remove it and write password env(\"VAR\")"
                    + " or password file(\"path\")"), check.err());
            assertNoSecret(check.out() + check.err(), "check output for url " + withPassword.replace(PASSWORD, "<the password>"));
        }
        assertEquals("jdbc:postgresql://u:***@h/db?password=***", PgConnections.redact("jdbc:postgresql://u:pw@h/db?password=pw2"));
    }

    @Test
    void aPasswordWithoutQuotesIsMaskedToo() throws Exception {
        Path job = project("password " + PASSWORD);
        Cli.Result r = Cli.run("check", job.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error[SYN100]: unexpected '-'; expected a name, null or }"), r.err());
        assertTrue(r.err().contains(" user \"syncc_secret_user\" password ***}\n"), r.err());
        assertNoSecret(r.out() + r.err(), "check output");
        assertFalse(r.err().contains("S3cret"), r.err());
    }

    static void assertNoSecret(String text, String where) {
        assertFalse(text.contains(PASSWORD), "the password appears in " + where + ":\n" + text);
    }

    static void assertNoSecretInJar(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            JarEntry e;
            int entries = 0;
            while ((e = in.getNextJarEntry()) != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                assertNoSecret(bytes.toString(StandardCharsets.ISO_8859_1), "jar entry " + e.getName());
                entries++;
            }
            assertTrue(entries > 100, "the jar holds the runtime");
        }
    }

    static void assertNoSecretInFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertNoSecret(Files.readString(f, StandardCharsets.ISO_8859_1), f.toString());
            }
        }
    }
}
