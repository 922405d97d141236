package io.sealift.agent.guard;

import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who besides its owner may access a file the agent takes its settings or keys from. The agent
 * checks a file's mode before it reads it and refuses a file that other users can read or
 * write, so a config or key that leaked to them is noticed instead of used. Execute bits are not
 * looked at: they give nothing without read. Stateless and thread-safe.
 */
public enum FileRule {
    /**
     * The config file: only its owner may write it; its group may read it (the packaged layout is
     * {@code root:sealift 0640}, so the agent reads a file it cannot change); others nothing.
     */
    CONFIG("640", Set.of(OTHERS_WRITE, OTHERS_READ, GROUP_WRITE)),
    /** A key file: only its owner may read or write it. */
    KEY("600", Set.of(OTHERS_WRITE, OTHERS_READ, GROUP_WRITE, GROUP_READ));

    private static final Map<PosixFilePermission, String> PROBLEMS = Map.of(
            OTHERS_WRITE, "writable by other users",
            OTHERS_READ, "readable by other users",
            GROUP_WRITE, "writable by its group",
            GROUP_READ, "readable by its group");
    private static final List<PosixFilePermission> BY_SEVERITY = List.of(OTHERS_WRITE, OTHERS_READ, GROUP_WRITE, GROUP_READ);

    private final String fixMode;
    private final Set<PosixFilePermission> forbidden;

    FileRule(String fixMode, Set<PosixFilePermission> forbidden) {
        this.fixMode = fixMode;
        this.forbidden = forbidden;
    }

    /**
     * Checks the mode of {@code file} (following symlinks, as reading it would).
     *
     * @param what what the file is, for the message: {@code config}, {@code key-encryption key}
     * @throws ExposedFileException if the mode grants what this rule forbids
     * @throws IOException if the mode cannot be read, for example because the file does not exist
     */
    public void check(String what, Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        List<String> problems = new ArrayList<>();
        for (PosixFilePermission permission : BY_SEVERITY) {
            if (forbidden.contains(permission) && mode.contains(permission)) {
                problems.add(PROBLEMS.get(permission));
            }
        }
        if (!problems.isEmpty()) {
            throw new ExposedFileException(what + " " + file + ": " + String.join(", ", problems) + " (mode "
                    + octal(mode) + "); run: chmod " + fixMode + " " + file);
        }
    }

    /** Returns {@code mode} as four octal digits, for example {@code 0644}. */
    static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }
}
