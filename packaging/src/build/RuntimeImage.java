/*
 * Build-time tool, run by exec-maven-plugin as a single-file program (java RuntimeImage.java ...):
 * builds a jlink runtime holding only the JDK modules a set of jars needs.
 *
 *   java RuntimeImage.java --lib DIR [--roots JAR,...] [--add MOD,...] [--exclude MOD,...] --output DIR
 *
 * The modules are what jdeps finds (--print-module-deps over --roots, default every jar in --lib,
 * following class references through --lib), plus --add (modules only found through ServiceLoader
 * or reflection, which jdeps cannot see, e.g. jdk.crypto.ec for TLS), minus --exclude (modules
 * jdeps sees referenced only on paths the program never takes; the pom says why for each).
 * jlink runs with --strip-debug --no-header-files --no-man-pages and without
 * --generate-cds-archive, whose output differs from run to run, so the image is the same bytes
 * for the same JDK and jars. For the same reason it runs with --disable-plugin
 * generate-jli-classes: on JDK 17 that plugin, which pre-generates java.lang.invoke holder and
 * species classes, writes them with or without a SourceFile attribute depending on the JVM
 * running jlink (always without under LC_ALL=C, always with under C.UTF-8, either at random with
 * -Xshare:off), so the same build gave a different lib/modules in another locale. Without it the
 * image keeps java.base's own copies of those classes and the JVM spins the others at run time
 * (no measurable difference in the agent's start-up). The module list is written to
 * DIR/../<DIR name>.modules.
 */

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

public final class RuntimeImage {
    private RuntimeImage() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        Path lib = Path.of(require(options, "--lib"));
        Path output = Path.of(require(options, "--output"));
        List<String> roots = roots(lib, options.get("--roots"));

        TreeSet<String> modules = new TreeSet<>(jdeps(lib, roots));
        modules.addAll(list(options.get("--add")));
        List<String> excluded = list(options.get("--exclude"));
        modules.removeAll(excluded);
        System.out.println("[RuntimeImage] modules: " + String.join(",", modules)
                + (excluded.isEmpty() ? "" : " (excluded: " + String.join(",", excluded) + ")"));

        deleteRecursively(output);
        run("jlink", "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--disable-plugin", "generate-jli-classes",
                "--output", output.toString());
        Files.writeString(output.resolveSibling(output.getFileName() + ".modules"), String.join("\n", modules) + "\n");
    }

    /**
     * Runs jdeps over the root jars, following their class references through --lib. Naming
     * every jar works for plain jars; where modular jars would need modules that are absent (the
     * control plane's jakarta.transaction wants jakarta.cdi), name only the program's own jar.
     */
    private static List<String> jdeps(Path lib, List<String> roots) {
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release",
                Integer.toString(Runtime.version().feature()), "-quiet", "--recursive",
                "--class-path", lib.resolve("*").toString()));
        roots.forEach(root -> args.add(lib.resolve(root).toString()));
        return list(run("jdeps", args.toArray(String[]::new)).strip());
    }

    private static List<String> roots(Path lib, String option) throws IOException {
        if (option != null) {
            return list(option);
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    private static String run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " not found: build with a JDK, not a JRE"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (exit != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + exit + ": " + Arrays.toString(args)
                    + "\n" + out + err);
        }
        return out.toString();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
