package io.sealift.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code verify} command: checks a JSON Lines audit export offline, against the audit key
 * pinned by fingerprint. Both {@code sealift-audit verify} and {@code sealift-control audit
 * verify} are this command.
 *
 * <p>Exit status: 0 valid, 1 invalid (the first bad sequence number is printed), 2 for a usage
 * error or a file that cannot be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies a JSON Lines audit export: hash chain, signed checkpoints, pinned key.",
            "Prints e.g. \"12,034 records, 12 checkpoints: valid\" and exits 0; otherwise names the first bad"
                    + " sequence number and exits 1."})
public final class VerifyCommand implements Callable<Integer> {
    /** Exit status of a valid export. */
    public static final int VALID = 0;
    /** Exit status of an invalid export. */
    public static final int INVALID = 1;
    /** Exit status of a usage error or an unreadable file. */
    public static final int UNUSABLE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The export (.jsonl) to verify.")
    Path file;

    @Option(names = "--key-fingerprint", required = true, paramLabel = "sha256:HEX",
            description = "Fingerprint of the control plane's audit key, obtained out of band"
                    + " (GET /api/v1/audit/key, or the line it logs at start).")
    String keyFingerprint;

    @Option(names = "--pinned-checkpoint", paramLabel = "SEQ:HASH",
            description = "Require the export to contain record SEQ with hash HASH, e.g. the last record of the"
                    + " previous export (printed after a valid one); detects a truncated or rewritten history.")
    String pinnedCheckpoint;

    @Override
    public Integer call() {
        ExportVerifier verifier = verifier();
        PrintWriter out = spec.commandLine().getOut();
        try (InputStream in = Files.newInputStream(file)) {
            Verdict verdict = verifier.verify(in);
            out.println(verdict.report());
            out.flush();
            return verdict.valid() ? VALID : INVALID;
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("cannot read " + file + ": " + e.getMessage());
            err.flush();
            return UNUSABLE;
        }
    }

    private ExportVerifier verifier() {
        try {
            Optional<PinnedCheckpoint> pin = Optional.ofNullable(pinnedCheckpoint).map(PinnedCheckpoint::parse);
            return new ExportVerifier(keyFingerprint, pin);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
