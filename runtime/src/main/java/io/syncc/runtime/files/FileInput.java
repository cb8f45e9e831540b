package io.syncc.runtime.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of a data file as its readers see them: a file read at positions, or a gzip file
 * ({@code .gz}, as Spark and MaxCompute exports write part files) decompressed as it is read, in
 * order. A compressed file cannot be entered in the middle, so it is one split; its positions are
 * those of the decompressed bytes.
 */
public interface FileInput extends Closeable {

    /** Reads into {@code into} from {@code position} of the (decompressed) bytes; -1 at the end. */
    int read(ByteBuffer into, long position) throws IOException;

    /** Whether the file is gzip-compressed (by its name). */
    static boolean compressed(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    static FileInput open(Path file) throws IOException {
        if (!compressed(file)) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new FileInput() {
                @Override
                public int read(ByteBuffer into, long position) throws IOException {
                    return channel.read(into, position);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }
        ReadableByteChannel channel = java.nio.channels.Channels.newChannel(stream(file));
        return new FileInput() {
            private long at;

            @Override
            public int read(ByteBuffer into, long position) throws IOException {
                while (at < position) {
                    // skipping forward (a resume check of a part): decompress and drop
                    ByteBuffer skip = ByteBuffer.allocate((int) Math.min(1 << 16, position - at));
                    int n = channel.read(skip);
                    if (n < 0) {
                        return -1;
                    }
                    at += n;
                }
                if (at != position) {
                    throw new IOException(file + " is compressed and is read in order; position " + position + " is behind " + at);
                }
                int n = channel.read(into);
                if (n > 0) {
                    at += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** The file's (decompressed) bytes as a stream, for samplers. */
    static InputStream stream(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return compressed(file) ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException e) {
            in.close();
            throw new IOException(file + " is not a gzip file: " + e.getMessage(), e);
        }
    }
}
