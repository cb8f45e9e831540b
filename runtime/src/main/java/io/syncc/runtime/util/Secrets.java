package io.syncc.runtime.util;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Resolves {@link SecretRef}s at run time. Messages name the variable or file, never the value. */
public final class Secrets {

    private static volatile Function<String, String> environment = System::getenv;

    private Secrets() {
    }

    /** For tests: replace the environment lookup. */
    public static void environmentForTesting(Function<String, String> env) {
        environment = env == null ? System::getenv : env;
    }

    public static String resolve(SecretRef ref, String what) {
        if (ref == null) {
            return null;
        }
        return switch (ref.kind()) {
            case LITERAL -> ref.value();
            case ENV -> {
                String v = environment.apply(ref.value());
                if (v == null) {
                    throw new SyncException(SyncException.Kind.CONFIGURATION, what + " comes from environment variable " + ref.value() + ", which is not set");
                }
                yield v;
            }
            case FILE -> {
                Path p = Path.of(ref.value());
                try {
                    String s = Files.readString(p, StandardCharsets.UTF_8);
                    int end = s.length();
                    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
                        end--;
                    }
                    yield s.substring(0, end);
                } catch (IOException e) {
                    throw new SyncException(SyncException.Kind.CONFIGURATION, what + " comes from file " + p + ", which cannot be read ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
        };
    }
}
