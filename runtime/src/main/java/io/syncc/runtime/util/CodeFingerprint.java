package io.syncc.runtime.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which build of some code is loaded: a hash of the jar a class came from (its path, size and
 * modification time) or, for a development build (a class folder), of the size and time of every
 * class file in it. Computed once per location and process. A location that cannot be read gets a
 * value of its own each time, so a cache keyed by it never hits by mistake.
 */
public final class CodeFingerprint {

    private static final Map<String, String> BY_LOCATION = new ConcurrentHashMap<>();

    private CodeFingerprint() {
    }

    /** The build of the code {@code c} was loaded from. */
    public static String of(Class<?> c) {
        Path location;
        try {
            location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "unknown:" + c.getName() + ":" + System.nanoTime();
        }
        return BY_LOCATION.computeIfAbsent(location.toString(), k -> compute(location));
    }

    private static String compute(Path location) {
        StringBuilder b = new StringBuilder();
        try {
            if (Files.isRegularFile(location)) {
                b.append(location).append(':').append(Files.size(location)).append(':').append(Files.getLastModifiedTime(location).toMillis());
            } else {
                try (Stream<Path> all = Files.walk(location)) {
                    for (Path p : all.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        b.append(location.relativize(p)).append(':').append(Files.size(p)).append(':')
                                .append(Files.getLastModifiedTime(p).toMillis()).append(';');
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            b.append("unknown:").append(location).append(':').append(System.nanoTime()); // never a false hit
        }
        return Hashing.sha(b.toString());
    }
}
