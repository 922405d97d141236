package io.sealift.agent.transfer.jobs;

import io.sealift.agent.config.TargetEndpoint;
import io.sealift.agent.state.StateException;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.tree.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * The temporary files a target keeps for a resume, and their removal once the job is over
 * ({@code CancelJob}). The job's directory records which target endpoint its journal belongs to
 * ({@value #ENDPOINT_FILE}), so the files can be found again after the session that kept them
 * has ended, even across a restart of the agent.
 */
final class KeptTemps {
    /** The job file naming the target endpoint the job's journal describes. */
    static final String ENDPOINT_FILE = "target.endpoint";
    private static final Logger LOG = Logger.getLogger(KeptTemps.class.getName());

    private KeptTemps() {
    }

    /** Records that job {@code jobId}'s journal describes {@code target}, if not recorded yet. */
    static void recordEndpoint(JobSetup setup, String jobId, TargetEndpoint target) {
        Path file = setup.journal().createJobDir(jobId).resolve(ENDPOINT_FILE);
        byte[] name = target.name().getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), name)) {
                return;
            }
        } catch (IOException e) {
            // Written again below.
        }
        setup.journal().writeJobFile(jobId, ENDPOINT_FILE, out -> out.write(name));
    }

    /**
     * Removes every temporary file job {@code jobId}'s journal kept for a resume, and forgets
     * them: the job is over. Does nothing if this agent holds no journal for the job, or its
     * endpoint is no longer configured (then the next job into that target removes them, as
     * unknown temporary files).
     */
    static void discard(JobSetup setup, String jobId) {
        try {
            Path jobDir = setup.journal().jobDir(jobId);
            if (!Files.exists(jobDir.resolve(TargetJournal.FILE_NAME))) {
                return;
            }
            String name;
            try {
                name = Files.readString(jobDir.resolve(ENDPOINT_FILE), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                LOG.warning(() -> "job " + jobId + ": its journal names no target endpoint; its temporary files"
                        + " stay until the next job into that target");
                return;
            }
            TargetEndpoint target = setup.config().targets().get(name);
            if (target == null) {
                LOG.warning(() -> "job " + jobId + ": target '" + name + "' is no longer configured; its temporary"
                        + " files stay until the next job into that target");
                return;
            }
            try (TargetJournal journal = TargetJournal.open(jobDir)) {
                remove(target.path(), journal, "job " + jobId);
            }
        } catch (IOException | StateException e) {
            LOG.warning(() -> "job " + jobId + ": cannot remove its kept temporary files: " + e.getMessage());
        }
    }

    /**
     * Forgets the temporary files {@code journal} holds under {@code root}, then removes them (a
     * crash in between leaves files no journal knows, which the next job into the target removes).
     */
    static void remove(Path root, TargetJournal journal, String describe) {
        List<ResumeState.Temp> temps = List.copyOf(journal.state().temps());
        if (temps.isEmpty()) {
            return;
        }
        journal.forgetTemps();
        for (ResumeState.Temp temp : temps) {
            String name = temp.name();
            if (name.startsWith(TreeWriter.TEMP_PREFIX) && name.indexOf('/') < 0) {
                try {
                    Files.deleteIfExists(root.resolve(name));
                } catch (IOException e) {
                    LOG.warning(() -> describe + ": cannot remove temporary file " + root.resolve(name) + ": "
                            + e.getMessage());
                }
            }
        }
        LOG.info(() -> describe + ": cancelled; removed its temporary files");
    }
}
