package io.syncc.compiler.codegen;

import io.syncc.runtime.exec.JobMain;
import io.syncc.runtime.plan.JobPlan;
import io.syncc.runtime.plan.PlanJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a self-contained job jar: the generated classes (the plan compiled into the job class),
 * the plan as JSON for reading ({@value io.syncc.runtime.plan.PlanJson#RESOURCE}; no secrets), and the runtime
 * bundle (runtime, PostgreSQL driver, logging) built with syncc. {@code java -jar job.jar} runs it.
 * Entries carry a fixed time so the same job compiles to the same bytes.
 */
public final class JobJar {

    static final String BUNDLE = "/io/syncc/compiler/jar/runtime-bundle.jar";
    private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the zip epoch

    private JobJar() {
    }

    public static void write(Path target, JobPlan plan, Map<String, byte[]> classes) throws IOException {
        String json = PlanJson.write(plan);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JobMain.class.getName());
        manifest.getMainAttributes().putValue("Created-By", "syncc");
        manifest.getMainAttributes().putValue("Syncc-Job", plan.job());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".syncc-", ".jar");
        try {
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(file)) {
                Set<String> written = new HashSet<>();
                java.io.ByteArrayOutputStream mf = new java.io.ByteArrayOutputStream();
                manifest.write(mf);
                put(jar, written, "META-INF/", new byte[0]);
                put(jar, written, "META-INF/MANIFEST.MF", mf.toByteArray());
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    put(jar, written, c.getKey().replace('.', '/') + ".class", c.getValue());
                }
                put(jar, written, PlanJson.RESOURCE, json.getBytes(StandardCharsets.UTF_8)); // for people and tools
                put(jar, written, JobMain.JOB_CLASS, plan.generatedClass().getBytes(StandardCharsets.UTF_8));
                try (InputStream bundle = JobJar.class.getResourceAsStream(BUNDLE)) {
                    if (bundle == null) {
                        throw new IOException("this syncc build has no runtime bundle (" + BUNDLE + "); build it with `mvn package`");
                    }
                    try (JarInputStream in = new JarInputStream(bundle)) {
                        JarEntry e;
                        while ((e = in.getNextJarEntry()) != null) {
                            String name = e.getName();
                            if (e.isDirectory() || name.equalsIgnoreCase("META-INF/MANIFEST.MF") || name.startsWith("META-INF/maven/")) {
                                continue;
                            }
                            put(jar, written, name, in.readAllBytes());
                        }
                    }
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void put(JarOutputStream jar, Set<String> written, String name, byte[] bytes) throws IOException {
        if (!written.add(name)) {
            return;
        }
        JarEntry entry = new JarEntry(name);
        entry.setTime(FIXED_TIME);
        jar.putNextEntry(entry);
        jar.write(bytes);
        jar.closeEntry();
    }
}
