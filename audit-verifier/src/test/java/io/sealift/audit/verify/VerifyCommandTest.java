package io.sealift.audit.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.audit.format.Chains;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sealift-audit verify}: what it prints and its exit status. */
class VerifyCommandTest {
    private static final TestKey KEY = TestKey.generate();

    @TempDir
    Path dir;

    @Test
    void validExport_printsTheSummary_andExitsZero() throws IOException {
        Path file = write(TestExports.export(TestExports.log(2_000), Chains.GLOBAL, KEY, 1_000));

        Run run = run("verify", file.toString(), "--key-fingerprint", KEY.fingerprint());

        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().startsWith("2,000 records, 4 checkpoints: valid"), run::toString);
    }

    @Test
    void tamperedExport_namesTheFirstBadSequenceNumber_andExitsOne() throws IOException {
        List<String> lines = new ArrayList<>(TestExports.export(TestExports.log(100), Chains.GLOBAL, KEY, 10));
        lines.remove(TestExports.lineOf(lines, Chains.GLOBAL, 57));

        Run run = run("verify", write(lines).toString(), "--key-fingerprint", KEY.fingerprint());

        assertEquals(1, run.status(), run::toString);
        assertTrue(run.out().startsWith("invalid at sequence 57 "), run::toString);
    }

    @Test
    void pinnedCheckpoint_beyondTheEnd_failsTheExport() throws IOException {
        Path file = write(TestExports.export(TestExports.log(100), Chains.GLOBAL, KEY, 10));

        Run run = run("verify", file.toString(), "--key-fingerprint", KEY.fingerprint(), "--pinned-checkpoint",
                "101:" + "a".repeat(64));

        assertEquals(1, run.status(), run::toString);
        assertTrue(run.out().startsWith("invalid at sequence 101 "), run::toString);
    }

    @Test
    void malformedFingerprint_missingFile_andNoSubcommand_areUsageErrors() throws IOException {
        Path file = write(TestExports.export(TestExports.log(3), Chains.GLOBAL, KEY, 10));

        assertEquals(2, run("verify", file.toString(), "--key-fingerprint", "sha256:AB").status());
        assertEquals(2, run("verify", file.toString(), "--key-fingerprint", KEY.fingerprint(),
                "--pinned-checkpoint", "12").status());
        assertEquals(2, run("verify", dir.resolve("missing.jsonl").toString(), "--key-fingerprint",
                KEY.fingerprint()).status());
        assertEquals(2, run().status());
    }

    private Path write(List<String> lines) throws IOException {
        Path file = Files.createTempFile(dir, "export", ".jsonl");
        Files.write(file, TestExports.bytes(lines));
        return file;
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new AuditCli());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int status = command.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {
    }
}
