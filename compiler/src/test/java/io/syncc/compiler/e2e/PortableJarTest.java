package io.syncc.compiler.e2e;

import static io.syncc.compiler.e2e.JobJarTest.exec;
import static io.syncc.compiler.e2e.JobJarTest.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.compiler.testing.Cli;
import io.syncc.compiler.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job jar is not tied to the machine it was compiled on: datasource settings replaced at run time. */
class PortableJarTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void db() {
        TestDb.server();
    }

    @Test
    void movedDataIsFoundWithSetOrAnEnvironmentVariable() throws Exception {
        TestDb.exec("DROP TABLE IF EXISTS port_t");
        Path job = Projects.write(dir, "job port {\n  source files.items\n  sink pg.port_t { create if missing  mode overwrite }\n}\n",
                "items.csv", "id,name\n1,a\n2,b\n");
        Path jar = dir.resolve("port.jar");
        Cli.Result c = Cli.run("compile", job.toString(), "-o", jar.toString());
        assertEquals(0, c.exitCode(), c.toString());
        // the data moves to another machine's folder
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere.resolve("in"));
        Files.move(dir.resolve("data/items.csv"), elsewhere.resolve("in/items.csv"));
        JobJarTest.publishEmbedded(elsewhere);

        var lost = exec(elsewhere, Map.of(), java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(1, lost.getKey(), lost.getValue());
        assertTrue(lost.getValue().contains("no file or folder items.csv"), lost.getValue());

        var moved = exec(elsewhere, Map.of(), java(), "-jar", jar.toString(), "--set", "files.path=in", "--no-progress");
        assertEquals(0, moved.getKey(), moved.getValue());
        assertEquals(2, TestDb.count("port_t"));

        TestDb.exec("TRUNCATE port_t");
        var byEnv = exec(elsewhere, Map.of("SYNCC_FILES_PATH", "in"), java(), "-jar", jar.toString(), "--no-progress");
        assertEquals(0, byEnv.getKey(), byEnv.getValue());
        assertEquals(2, TestDb.count("port_t"));

        var secret = exec(elsewhere, Map.of(), java(), "-jar", jar.toString(), "--set", "pg.password=hunter2", "--no-progress");
        assertEquals(2, secret.getKey());
        assertTrue(secret.getValue().startsWith("error: --set pg.password: a password comes from the environment or a file:"
                + " write pg.password=env:VARIABLE or pg.password=file:PATH"), secret.getValue());
        assertTrue(!secret.getValue().contains("hunter2"), "never repeated");

        var unknown = exec(elsewhere, Map.of(), java(), "-jar", jar.toString(), "--set", "file.path=in", "--no-progress");
        assertEquals(2, unknown.getKey());
        assertTrue(unknown.getValue().startsWith("error: --set file.path: job port has no datasource 'file'; its datasources: files, pg"),
                unknown.getValue());
        var field = exec(elsewhere, Map.of(), java(), "-jar", jar.toString(), "--set", "files.paht=in", "--no-progress");
        assertEquals(2, field.getKey());
        assertTrue(field.getValue().startsWith("error: --set files.paht: datasource 'files' has no setting 'paht'; it has: "), field.getValue());
    }
}
