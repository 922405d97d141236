package io.sealift.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sealift-agent-paths}: turns the agent's config into the unit's path allow-list.
 *
 * <pre>
 * sealift-agent-paths [--root DIR] [--config FILE] [--output FILE] [--app-home DIR] [--print]
 * </pre>
 *
 * <p>{@code --config}, {@code --output} and {@code --app-home} are paths as the service sees
 * them; with {@code --root} they are read and written under {@code DIR} (a staged install).
 * Exit codes: 0 done, 1 I/O error, 2 usage or config error.
 */
public final class PathsDropInMain {
    static final String USAGE = "usage: sealift-agent-paths [--root DIR] [--config FILE] [--output FILE]"
            + " [--app-home DIR] [--print]";

    private Path root = Path.of("/");
    private Path config = Path.of("/etc/sealift/agent.yaml");
    private Path output = Path.of("/etc/systemd/system/sealift-agent.service.d/50-paths.conf");
    private Path appHome = Path.of("/opt/sealift-agent");
    private boolean print;

    private PathsDropInMain() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        PathsDropInMain command = new PathsDropInMain();
        try {
            command.parse(args);
            return command.execute(out);
        } catch (UsageException e) {
            err.println("sealift-agent-paths: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InvalidConfigException e) {
            err.println("sealift-agent-paths: " + command.config + ": " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("sealift-agent-paths: " + e.getFile() + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println("sealift-agent-paths: " + e);
            return 1;
        }
    }

    private void parse(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--print" -> print = true;
                case "--root" -> root = pathArgument(args, ++i, option);
                case "--config" -> config = pathArgument(args, ++i, option);
                case "--output" -> output = pathArgument(args, ++i, option);
                case "--app-home" -> appHome = pathArgument(args, ++i, option);
                default -> throw new UsageException("unknown option " + option);
            }
        }
    }

    private static Path pathArgument(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        Path path = Path.of(args.get(index));
        if (!path.isAbsolute()) {
            throw new UsageException(option + " must be an absolute path, not " + path);
        }
        return path.normalize();
    }

    private int execute(PrintStream out) throws IOException {
        String yaml = Files.readString(staged(config), StandardCharsets.UTF_8);
        AllowList list = new AllowListReader(config.getParent(), appHome).read(yaml);
        String dropIn = DropInFile.render(list, config);
        if (print) {
            out.print(dropIn);
        } else if (DropInFile.writeIfChanged(staged(output), dropIn)) {
            out.println("wrote " + staged(output));
        } else {
            out.println(staged(output) + " is up to date");
        }
        return 0;
    }

    private Path staged(Path path) {
        return root.resolve(root.getRoot().relativize(path));
    }

    /** A command-line mistake. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
