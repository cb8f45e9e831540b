package io.syncc.runtime.files;

import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.SinkColumn;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.Sink;
import io.syncc.runtime.spi.SinkWriter;
import io.syncc.runtime.spi.Split;
import io.syncc.runtime.spi.SyncException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A file written whole: each split's rows go to a part file in a private folder beside the target
 * ({@code .<file>.syncc-<run>/}), renamed into place when the split commits; the job's commit joins
 * the parts behind the header into {@code .<file>.syncc-<run>.tmp}, forces it to disk and renames it
 * over the target in one atomic move. Readers see the old file until then; a failed or cancelled
 * run leaves it untouched and removes its own files. There is nothing to resume: a run writes the
 * whole file again. Rows appear grouped by split, in the order the splits committed.
 */
public final class FileSink<T> implements Sink<T> {

    private final Path target;
    private final Path parts;
    private final Path temp;
    private final RowFormat format;
    private final List<SinkColumn> columns;
    private final GeneratedJob<?, T> program;
    private final AtomicInteger sequence = new AtomicInteger();

    /**
     * @param folder   the datasource's folder
     * @param fileName the file written in it
     */
    public FileSink(Connector.SinkContext<T> context, Path folder, String fileName, RowFormat format) {
        String runId = java.util.UUID.randomUUID().toString().substring(0, 8);
        this.target = folder.resolve(fileName);
        this.parts = folder.resolve("." + fileName + ".syncc-" + runId);
        this.temp = folder.resolve("." + fileName + ".syncc-" + runId + ".tmp");
        this.format = format;
        this.columns = context.sink().columns();
        this.program = context.program();
    }

    @Override
    public Map<String, SplitCommit> begin(RunStart start) throws java.sql.SQLException {
        try {
            Files.createDirectories(parts);
        } catch (IOException e) {
            throw SyncException.configuration("cannot write into " + parts.getParent() + ": " + e.getMessage());
        }
        return Map.of();
    }

    @Override
    public SinkWriter<T> openWriter() {
        return new PartWriter();
    }

    @Override
    public Optional<SplitCommit> committedByThisRun(String splitId) {
        return Optional.empty();
    }

    @Override
    public void commit() {
        try {
            List<Path> done;
            try (Stream<Path> s = Files.list(parts)) {
                done = s.filter(p -> p.getFileName().toString().endsWith(".part"))
                        .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replace(".part", ""))))
                        .toList();
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(format.header(columns).getBytes(StandardCharsets.UTF_8));
                for (Path p : done) {
                    Files.copy(p, out);
                }
                out.flush();
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            removeOwnFiles();
        }
    }

    @Override
    public void abort() {
        removeOwnFiles();
    }

    private void removeOwnFiles() {
        try {
            Files.deleteIfExists(temp);
            if (Files.isDirectory(parts)) {
                try (Stream<Path> s = Files.list(parts)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(parts);
            }
        } catch (IOException ignored) {
            // best effort: the target itself is never touched here
        }
    }

    @Override
    public void close() {
    }

    /** One worker's writer: a split's rows into its own part file. */
    private final class PartWriter implements SinkWriter<T> {
        private final T row = program.newSinkRow();
        private Path open;
        private Writer out;
        private long rows;

        @Override
        public void beginSplit(Split split) {
            try {
                open = Files.createTempFile(parts, "split", ".writing");
                out = new BufferedWriter(Files.newBufferedWriter(open, StandardCharsets.UTF_8), 1 << 16);
                rows = 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write into " + parts + ": " + e.getMessage(), e);
            }
        }

        @Override
        public T slot() {
            return row;
        }

        @Override
        public void add() {
            try {
                format.write(out, columns, program.sinkRenderer().render(row));
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + open + ": " + e.getMessage(), e);
            }
        }

        @Override
        public long commitSplit(Split split, SplitCommit counts) {
            try {
                out.close();
                Files.move(open, parts.resolve(sequence.getAndIncrement() + ".part"), StandardCopyOption.ATOMIC_MOVE);
                open = null;
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + open + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void abortSplit() {
            try {
                if (out != null) {
                    out.close();
                }
                if (open != null) {
                    Files.deleteIfExists(open);
                }
            } catch (IOException ignored) {
                // the part never joins the file
            }
            open = null;
        }

        @Override
        public long rowsWritten() {
            return rows;
        }

        @Override
        public void close() {
            abortSplit();
        }
    }
}
