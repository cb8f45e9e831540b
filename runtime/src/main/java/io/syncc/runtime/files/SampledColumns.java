package io.syncc.runtime.files;

import io.syncc.runtime.meta.ColumnMeta;
import io.syncc.runtime.plan.FileDatasourcePlan;
import io.syncc.runtime.types.SqlType;
import io.syncc.runtime.util.CacheFolder;
import io.syncc.runtime.util.CodeFingerprint;
import io.syncc.runtime.util.Hashing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The columns inferred from a data file's sample, kept in the cache's {@code columns} folder
 * ({@link CacheFolder}) so that checking or running an unchanged job does not infer them again
 * (about 0.1 s of a start for 1,000 sampled rows). The key is the file as the file system describes
 * it — its absolute path, size, modification and change times (nanoseconds) and file key (device
 * and inode) — with the datasource's settings and the build of the code that samples: rewriting,
 * replacing, appending to or {@code touch}ing the file, or changing a setting or syncc, infers
 * again. A file written or changed (its modification or change time) in the last two seconds is
 * sampled every time (as git treats a "racy" file: on a file system with coarse times a second
 * write could look the same). Inferred types only choose how a column is read: a value that does
 * not fit is a dirty row with its reason, never a changed value.
 */
final class SampledColumns {

    private static final String FORMAT = "syncc sampled columns 1";
    /** How long a file must have been left alone before its sample is kept. */
    private static final java.time.Duration STILL = java.time.Duration.ofSeconds(2);

    private SampledColumns() {
    }

    /** {@code sampler}'s columns of {@code file}: from the cache, or sampled (and kept). */
    static List<ColumnMeta> of(FileDatasourcePlan ds, Path file, Function<Path, List<ColumnMeta>> sampler) {
        return of(ds, file, sampler, STILL);
    }

    /** As {@link #of(FileDatasourcePlan, Path, Function)}, keeping files left alone for {@code still} (tests: zero). */
    static List<ColumnMeta> of(FileDatasourcePlan ds, Path file, Function<Path, List<ColumnMeta>> sampler, java.time.Duration still) {
        Optional<CacheFolder> cache = CacheFolder.named("columns");
        Optional<String> key = cache.isEmpty() ? Optional.empty() : key(ds, file, sampler, still);
        if (key.isEmpty()) {
            return sampler.apply(file);
        }
        Optional<List<ColumnMeta>> cached = cache.get().read(key.get()).flatMap(SampledColumns::decode);
        if (cached.isPresent()) {
            return cached.get();
        }
        List<ColumnMeta> columns = sampler.apply(file);
        encode(columns).ifPresent(bytes -> cache.get().write(key.get(), bytes));
        return columns;
    }

    private static Optional<String> key(FileDatasourcePlan ds, Path file, Function<Path, List<ColumnMeta>> sampler,
                                        java.time.Duration stillFor) {
        try {
            Path abs = file.toAbsolutePath().normalize();
            BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
            if (!a.isRegularFile() || a.fileKey() == null) {
                return Optional.empty();
            }
            Object ctime = Files.getAttribute(abs, "unix:ctime");
            if (!(ctime instanceof java.nio.file.attribute.FileTime changed)) {
                return Optional.empty();
            }
            // written or changed in the last seconds (or dated in the future): a file system that keeps
            // coarse times could give a second write the same ones, so such a file is sampled every time
            java.time.Instant still = java.time.Instant.now().minus(stillFor);
            if (a.lastModifiedTime().toInstant().isAfter(still) || changed.toInstant().isAfter(still)) {
                return Optional.empty();
            }
            return Optional.of(Hashing.sha(String.join("\0", FORMAT, abs.toString(), Long.toString(a.size()),
                    Long.toString(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)), Long.toString(changed.to(TimeUnit.NANOSECONDS)),
                    a.fileKey().toString(), ds.toString(), Integer.toString(FileTables.SAMPLE_ROWS),
                    CodeFingerprint.of(SampledColumns.class), CodeFingerprint.of(sampler.getClass()))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no unix attributes, unreadable: sample every time
        }
    }

    private static Optional<byte[]> encode(List<ColumnMeta> columns) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeInt(columns.size());
            for (ColumnMeta c : columns) {
                out.writeUTF(c.name());
                out.writeUTF(c.typeName());
                out.writeUTF(c.type().kind().name());
                out.writeInt(c.type().precision());
                out.writeInt(c.type().scale());
                optional(out, c.type().name());
                out.writeBoolean(c.nullable());
                out.writeBoolean(c.hasDefault());
                out.writeInt(c.keyPosition());
                optional(out, c.comment());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a name past 64 KB: not kept
        }
        return Optional.of(bytes.toByteArray());
    }

    private static void optional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static Optional<List<ColumnMeta>> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!in.readUTF().equals(FORMAT)) {
                return Optional.empty();
            }
            int n = in.readInt();
            List<ColumnMeta> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                String typeName = in.readUTF();
                SqlType type = new SqlType(SqlType.Kind.valueOf(in.readUTF()), in.readInt(), in.readInt(), optional(in));
                columns.add(new ColumnMeta(name, typeName, type, in.readBoolean(), in.readBoolean(), in.readInt(), optional(in)));
            }
            return in.read() == -1 ? Optional.of(List.copyOf(columns)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged: sampled again and replaced
        }
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
