package io.syncc.compiler.cli;

import io.syncc.compiler.ast.SyncFile;
import io.syncc.compiler.check.ProjectChecker;
import io.syncc.compiler.diag.Diagnostics;
import io.syncc.compiler.parse.ParseResult;
import io.syncc.compiler.parse.SyncSourceParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code .sync} files checked together: the named files plus every other {@code .sync} file
 * in their folders (datasources are declared once per folder and shared by its jobs).
 */
final class Project {

    final Map<String, String> texts = new LinkedHashMap<>();
    final List<ProjectChecker.Unit> units = new ArrayList<>();
    final Set<String> named = new LinkedHashSet<>();
    final Set<Path> folders = new LinkedHashSet<>();

    static Project load(List<Path> paths, Diagnostics diagnostics) {
        Project p = new Project();
        Set<Path> files = new LinkedHashSet<>();
        for (Path given : paths) {
            Path abs = given.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                p.folders.add(abs);
                io.syncc.compiler.workspace.Workspace.syncFiles(abs).forEach(f -> {
                    files.add(f);
                    p.named.add(display(f));
                });
            } else {
                files.add(abs);
                p.named.add(display(abs));
                Path dir = abs.getParent();
                p.folders.add(dir);
                if (Files.isDirectory(dir)) {
                    files.addAll(io.syncc.compiler.workspace.Workspace.syncFiles(dir));
                }
            }
        }
        for (Path f : files) {
            String name = display(f);
            java.util.Optional<String> read = io.syncc.compiler.workspace.Workspace.read(f, name, name, diagnostics);
            if (read.isEmpty()) {
                continue;
            }
            String text = read.get();
            p.texts.put(name, text);
            ParseResult parsed = SyncSourceParser.parse(name, text);
            diagnostics.addAll(parsed.diagnostics());
            parsed.file().ifPresent(ast -> p.units.add(new ProjectChecker.Unit(ast, f.getParent())));
        }
        return p;
    }

    /** Jobs declared in the files named on the command line. */
    List<String> namedJobs() {
        List<String> jobs = new ArrayList<>();
        for (ProjectChecker.Unit u : units) {
            if (named.contains(u.file().path())) {
                u.file().jobs().forEach(j -> jobs.add(j.name().text()));
            }
        }
        return jobs;
    }

    List<SyncFile> files() {
        return units.stream().map(ProjectChecker.Unit::file).toList();
    }

    /** The folder of the first named file: where the catalog snapshot lives. */
    Path home() {
        return folders.iterator().next();
    }

    /** A path as people see it: relative to the working directory when below it. */
    static String display(Path abs) {
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
