package io.syncc.compiler.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --work-dir DIR}, shared by the commands that run jobs or the embedded server. */
final class WorkDirOption {

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".",
            description = "the working folder: dirty-record files go to DIR/dirty/, the embedded PostgreSQL lives in DIR/.syncc/pg;"
                    + " default: the current folder (the same as a job jar's --work-dir)")
    Path dir;

    Path path() {
        return dir.toAbsolutePath().normalize();
    }
}
