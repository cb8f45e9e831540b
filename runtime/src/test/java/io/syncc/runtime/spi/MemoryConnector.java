package io.syncc.runtime.spi;

import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.DatasourcePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connector written only against the SPI, registered by this test folder's
 * {@code META-INF/services}: a sink (type {@code memory}) that keeps the rows of committed splits
 * in memory as text. The executor must run it without knowing it.
 */
public final class MemoryConnector implements Connector {

    /** Committed rows (sink columns as text), in commit order. */
    public static final List<String[]> ROWS = Collections.synchronizedList(new ArrayList<>());

    /** Splits whose {@code beginSplit} fails (a configuration error): their worker never opens them. */
    public static volatile java.util.function.Predicate<String> REFUSED_SPLITS = id -> false;

    /** Where a test makes the writer or the run state fail (each does nothing unless overridden). */
    public interface Hooks {
        Hooks NONE = new Hooks() {
        };

        default void openWriter() {
        }

        default void add(String splitId, long rowInAttempt) {
        }

        default void beforeCommit(String splitId) {
        }

        default void afterCommit(String splitId) {
        }

        default void abort() {
        }

        default void ask(String splitId) {
        }
    }

    /** The faults of the test that runs (tests that set it reset it to {@link Hooks#NONE}). */
    public static volatile Hooks HOOKS = Hooks.NONE;

    /** Splits committed, as the run state would keep them ({@code committedByThisRun} answers from it). */
    public static final Map<String, Sink.SplitCommit> COMMITTED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A memory datasource: a name and nothing else. */
    public record MemoryDatasourcePlan(String name) implements DatasourcePlan {
        @Override
        public String type() {
            return "memory";
        }
    }

    @Override
    public Set<String> types() {
        return Set.of("memory");
    }

    @Override
    public List<SettingSpec> settings(String type) {
        return List.of(SettingSpec.optional("note", "ignored: proves a plugin's settings reach it", "note \"x\""));
    }

    @Override
    public Optional<DatasourcePlan> plan(DatasourceSettings settings) {
        settings.text("note", "a string");
        return settings.valid() ? Optional.of(new MemoryDatasourcePlan(settings.name())) : Optional.empty();
    }

    @Override
    public Map<String, Class<? extends DatasourcePlan>> planTypes() {
        return Map.of("memory", MemoryDatasourcePlan.class);
    }

    @Override
    public io.syncc.runtime.meta.DatasourceMetadata metadata(DatasourcePlan datasource, Path workDir) {
        throw SyncException.configuration("a memory datasource has no tables to list");
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        return "memory";
    }

    @Override
    public <T> Sink<T> openSink(SinkContext<T> context) {
        GeneratedJob<?, T> program = context.program();
        return new Sink<>() {
            @Override
            public Map<String, SplitCommit> begin(RunStart start) {
                return Map.of();
            }

            @Override
            public SinkWriter<T> openWriter() {
                HOOKS.openWriter();
                return new SinkWriter<>() {
                    private final List<String[]> pending = new ArrayList<>();
                    private final T row = program.newSinkRow();
                    private String current;

                    @Override
                    public void beginSplit(Split split) {
                        if (REFUSED_SPLITS.test(split.id())) {
                            throw SyncException.configuration("the memory sink refuses split " + split.id());
                        }
                        pending.clear();
                        current = split.id();
                    }

                    @Override
                    public T slot() {
                        return row;
                    }

                    @Override
                    public void add() {
                        HOOKS.add(current, pending.size() + 1);
                        pending.add(program.sinkRenderer().render(row));
                    }

                    @Override
                    public long commitSplit(Split split, SplitCommit counts) {
                        HOOKS.beforeCommit(split.id());
                        ROWS.addAll(pending);
                        long n = pending.size();
                        pending.clear();
                        COMMITTED.put(split.id(), new SplitCommit(counts.rowsRead(), n, counts.dirtyRows(), counts.bytesRead(),
                                counts.dirtyFile(), counts.runId(), counts.signature()));
                        HOOKS.afterCommit(split.id());
                        return n;
                    }

                    @Override
                    public void abortSplit() {
                        pending.clear();
                        HOOKS.abort();
                    }

                    @Override
                    public long rowsWritten() {
                        return pending.size();
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Optional<SplitCommit> committedByThisRun(String splitId) {
                HOOKS.ask(splitId);
                return Optional.ofNullable(COMMITTED.get(splitId));
            }

            @Override
            public void commit() {
            }

            @Override
            public void abort() {
            }

            @Override
            public void close() {
            }
        };
    }
}
