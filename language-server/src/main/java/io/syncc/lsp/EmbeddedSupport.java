package io.syncc.lsp;

import io.syncc.compiler.workspace.EmbeddedDatabase;
import io.syncc.compiler.workspace.Workspace;
import io.syncc.runtime.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The embedded PostgreSQL the server started for {@code url embedded} datasources (stopped at shutdown). */
final class EmbeddedSupport implements AutoCloseable {

    private final Path workDir;
    private EmbeddedServer started;
    /** A server was found or started: not looked for again on every check (each look is a connection). */
    private boolean ready;
    private Consumer<String> say = m -> { };

    EmbeddedSupport(Path workDir) {
        this.workDir = workDir;
    }

    void onStart(Consumer<String> say) {
        this.say = say;
    }

    /** Starts the server (once) when the folder's files use it and none runs in the work folder. */
    synchronized void startIfUsed(Workspace.Parsed parsed) {
        if (ready || !EmbeddedDatabase.used(parsed.files().values())) {
            return;
        }
        started = EmbeddedDatabase.startIfNeeded(parsed.files().values(), workDir,
                data -> say.accept("syncc: starting the embedded PostgreSQL (data in " + data + ")")).orElse(null);
        ready = true;
    }

    @Override
    public synchronized void close() {
        if (started != null) {
            started.close();
            started = null;
        }
        ready = false;
    }
}
