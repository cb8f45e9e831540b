package io.syncc.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import io.syncc.runtime.codegen.GeneratedJob;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with javax.tools, entirely in memory, against the runtime classes
 * this process runs with. Generated code failing to compile is a syncc bug, reported as such.
 */
public final class InMemoryCompiler {

    private InMemoryCompiler() {
    }

    /** @return binary class name → class file bytes */
    public static Map<String, byte[]> compile(List<JavaFile> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run syncc with a JDK (17 or later), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null)) {
            JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    outputs.put(className, bytes);
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return bytes;
                        }
                    };
                }
            };
            List<JavaFileObject> units = files.stream().map(JavaFile::toJavaFileObject).collect(Collectors.toList());
            List<String> options = new ArrayList<>(List.of("--release", "17", "-proc:none", "-g", "-Xlint:none", "-nowarn",
                    "-classpath", runtimeClasspath()));
            boolean ok = javac.getTask(null, manager, diagnostics, options, null, units).call();
            if (!ok) {
                String errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> d.getSource() == null ? d.getMessage(null)
                                : d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                        .collect(Collectors.joining("\n"));
                throw new IllegalStateException("internal error: generated code does not compile (please report this):\n" + errors);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** Where the runtime's classes are (a jar, or a classes folder in a build) plus this process's class path. */
    private static String runtimeClasspath() {
        List<String> entries = new ArrayList<>();
        try {
            entries.add(Path.of(GeneratedJob.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the class path alone
        }
        entries.add(System.getProperty("java.class.path", ""));
        return String.join(File.pathSeparator, entries);
    }

    /** Loads compiled classes on top of the runtime this process runs with (for in-process runs). */
    public static ClassLoader loader(Map<String, byte[]> classes) {
        return new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }
}
