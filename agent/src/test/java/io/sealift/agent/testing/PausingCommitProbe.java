package io.sealift.agent.testing;

import io.sealift.agent.transfer.tree.CommitProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The test hook that freezes an agent between fsync and rename, so a test can SIGKILL it there
 * (test classpath only: the agent's {@code fault-hooks} test jar declares it as the
 * {@link CommitProbe} service). Inert unless the system property {@value #ARM_PROPERTY} names a
 * file. A test arms the probe by writing a rename index into that file (0 = before the commit's
 * first rename). At that rename the probe deletes the arm file (so a restarted agent commits
 * without pausing), writes what it is about to rename into the sibling file
 * {@code <arm file>.paused}, and blocks the committing thread for good: the test waits for the
 * {@code .paused} file and kills the process.
 */
public final class PausingCommitProbe implements CommitProbe {
    /** The system property naming the arm file. */
    public static final String ARM_PROPERTY = "sealift.test.pause-before-rename";

    @Override
    public void beforeRename(Path from, Path to, int index) {
        String arm = System.getProperty(ARM_PROPERTY);
        if (arm == null) {
            return;
        }
        Path armFile = Path.of(arm);
        try {
            if (!Files.exists(armFile) || Integer.parseInt(Files.readString(armFile).strip()) != index) {
                return;
            }
            Files.delete(armFile);
            Files.writeString(Path.of(arm + ".paused"), "paused before rename " + index + ": " + from + " -> " + to
                    + "\n");
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Keep holding the commit: only a kill ends this.
            }
        }
    }
}
