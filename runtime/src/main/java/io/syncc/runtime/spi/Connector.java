package io.syncc.runtime.spi;

import io.syncc.runtime.codegen.GeneratedJob;
import io.syncc.runtime.plan.ChannelPlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.SinkPlan;
import io.syncc.runtime.plan.SourcePlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A connector: what syncc can read from and write to, found through {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.syncc.runtime.spi.Connector} entry) by the datasource's
 * {@link DatasourcePlan#type() type}, as Trino finds its connector factories. The executor knows
 * connectors only by this interface and never names a concrete one.
 *
 * <p>Threading: a connector is stateless and shared; what it opens belongs to one run.
 */
public interface Connector {

    /** The datasource types it serves, e.g. {@code postgres} and {@code hologres}. */
    Set<String> types();

    /**
     * The settings a datasource of {@code type} accepts besides {@code type}, in the order to
     * document them: the checker refuses any other key (with a did-you-mean) and reports missing
     * required ones; the editor completes and explains them.
     */
    List<SettingSpec> settings(String type);

    /**
     * The datasource's plan from its settings. Every problem is reported to {@code settings} (all
     * of them, not only the first), worded for the person who wrote the block; keys the
     * {@link #settings(String) schema} does not list and missing required keys were reported
     * before this is called.
     *
     * @return the plan, or empty when an error was reported
     */
    Optional<DatasourcePlan> plan(DatasourceSettings settings);

    /**
     * The classes of this connector's plans by the name that marks them in a plan's JSON form
     * (property {@code kind}), so job jars can carry any connector's datasource.
     */
    Map<String, Class<? extends DatasourcePlan>> planTypes();

    /**
     * Whether {@code sink ds.schema.table} may name a table of this connector's datasources
     * (created from the mapping with {@code create if missing}, with {@code write}, {@code on
     * conflict} and {@code mode}); a file connector writes whole files instead and says no.
     */
    default boolean writesTables() {
        return false;
    }

    /**
     * Whether its sources read an {@link Increment} ({@code incremental by column}): only the rows
     * after a watermark, up to a bound taken in the source's snapshot.
     */
    default boolean readsIncrementally() {
        return false;
    }

    /**
     * Whether its database sources take a {@code partition} clause: the keys are partition keys of
     * the table, and only the partitions the clause selects are read.
     */
    default boolean readsPartitions() {
        return false;
    }

    /**
     * Whether its sinks keep an incremental job's {@link Watermark} and advance it in the
     * transaction that commits the rows it covers.
     */
    default boolean keepsWatermarks() {
        return false;
    }

    /** How this connector's sources hand rows to the generated decoder; database rows unless overridden. */
    default SourceCodec sourceCodec(DatasourcePlan datasource) {
        return SourceCodec.ROWS;
    }

    /**
     * Whether this connector's sinks write PostgreSQL's binary COPY format with PostgreSQL's types,
     * so that a value read from a {@link SourceCodec.Shape#PG_BINARY} source goes into a column of
     * the same type as the bytes it was read as, never decoded. {@code false} unless overridden.
     */
    default boolean takesPgBinary(DatasourcePlan datasource) {
        return false;
    }

    /**
     * A source reading {@code context.source()}, decoding with the generated job's codecs.
     *
     * @throws SyncException (configuration) when this connector cannot be read from
     */
    default <S> Source<S> openSource(SourceContext<S> context) {
        throw SyncException.configuration("datasource '" + context.source().datasource().name() + "' (type "
                + context.source().datasource().type() + ") cannot be read");
    }

    /**
     * A sink writing {@code context.sink()}, encoding with the generated job's codecs.
     *
     * @throws SyncException (configuration) when this connector cannot be written to
     */
    default <T> Sink<T> openSink(SinkContext<T> context) {
        throw SyncException.configuration("datasource '" + context.sink().datasource().name() + "' (type "
                + context.sink().datasource().type() + ") cannot be written");
    }

    /**
     * What the datasource holds: tables and their columns, for the checker, the catalog snapshot and
     * the editor. Close it when done.
     *
     * @throws SyncException naming the datasource when it cannot be read
     */
    io.syncc.runtime.meta.DatasourceMetadata metadata(DatasourcePlan datasource, Path workDir);

    /**
     * Checks that the datasource can be reached with its settings and credentials.
     *
     * @return a one-line description of what was reached, never a secret
     * @throws SyncException naming the datasource when it cannot be reached
     */
    String ping(DatasourcePlan datasource, Path workDir);

    /**
     * What a source is opened with.
     *
     * @param source  what to read
     * @param channel parallelism and the like (a source plans about as many splits as it can use)
     * @param params  the run's parameter values (bound into SQL, never spliced)
     * @param workDir the run's work folder (embedded server lookup, relative paths)
     * @param program the generated job: its decoders for this source's record kind
     * @param increment what an incremental run reads, or {@code null} to read every row
     */
    record SourceContext<S>(SourcePlan source, ChannelPlan channel, Map<String, String> params, Path workDir,
                            GeneratedJob<S, ?> program, Increment increment) {

        public SourceContext(SourcePlan source, ChannelPlan channel, Map<String, String> params, Path workDir,
                             GeneratedJob<S, ?> program) {
            this(source, channel, params, workDir, program, null);
        }

        public SourceContext {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(channel, "channel");
            params = Map.copyOf(params);
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(program, "program");
        }
    }

    /**
     * What a sink is opened with.
     *
     * @param sink    where and how to write
     * @param job     the job's name (run state is kept per job and {@code runKey})
     * @param runKey  identifies the job's parameter values
     * @param params  the values of the job's own parameters
     * @param workDir the run's work folder
     * @param program the generated job: its encoders and renderers
     * @param dirty   where rows the target rejects go
     */
    record SinkContext<T>(SinkPlan sink, String job, String runKey, Map<String, String> params, Path workDir,
                          GeneratedJob<?, T> program, DirtyListener dirty) {
        public SinkContext {
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(runKey, "runKey");
            params = Map.copyOf(params);
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(dirty, "dirty");
        }
    }
}
