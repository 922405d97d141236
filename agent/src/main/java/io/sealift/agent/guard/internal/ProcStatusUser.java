package io.sealift.agent.guard.internal;

import io.sealift.agent.guard.ProcessUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The effective user id from a Linux {@code /proc/PID/status} file, whose line
 * {@code Uid:\t<real>\t<effective>\t<saved>\t<filesystem>} lists the process's user ids.
 * Unlike the owner of {@code /proc/self}, which the kernel shows as root for a non-dumpable
 * process, this is always the process's own id. Thread-safe: holds only the path.
 */
public final class ProcStatusUser implements ProcessUser {
    private final Path statusFile;

    /** Reads the ids from {@code statusFile}, normally {@code /proc/self/status}. */
    public ProcStatusUser(Path statusFile) {
        this.statusFile = statusFile;
    }

    @Override
    public OptionalLong effectiveUid() {
        List<String> lines;
        try {
            lines = Files.readAllLines(statusFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return lines.stream().filter(line -> line.startsWith("Uid:")).findFirst()
                .map(ProcStatusUser::effective).orElse(OptionalLong.empty());
    }

    private static OptionalLong effective(String uidLine) {
        String[] ids = uidLine.substring("Uid:".length()).strip().split("\\s+");
        try {
            return ids.length >= 2 ? OptionalLong.of(Long.parseLong(ids[1])) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
