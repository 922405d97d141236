package io.sealift.control.audit;

import io.sealift.control.ControlPlaneMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code sealift-control audit verify} in this JVM on an export, as an auditor would on the file. */
final class AuditCli {
    private AuditCli() {
    }

    /**
     * The outcome of one run.
     *
     * @param status the exit status
     * @param output what it printed
     */
    record Run(int status, String output) {
    }

    static Run verify(String export, String fingerprint, String... extra) {
        try {
            Path file = Files.createTempFile("sealift-audit", ".jsonl");
            try {
                Files.writeString(file, export, StandardCharsets.UTF_8);
                StringWriter out = new StringWriter();
                CommandLine command = new CommandLine(new ControlPlaneMain());
                command.setOut(new PrintWriter(out, true));
                command.setErr(new PrintWriter(out, true));
                String[] args = new String[5 + extra.length];
                args[0] = "audit";
                args[1] = "verify";
                args[2] = file.toString();
                args[3] = "--key-fingerprint";
                args[4] = fingerprint;
                System.arraycopy(extra, 0, args, 5, extra.length);
                return new Run(command.execute(args), out.toString());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
