package io.sealift.agent.cli;

import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.state.StateDir;
import io.sealift.agent.state.StateException;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.report.ReportSummary;
import io.sealift.agent.transfer.report.TaskReports;
import io.sealift.proto.v1.TransferRole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sealift-agent report}: prints this agent's task report of a job, with file names: what
 * it transferred, skipped and failed, and why. Reads the state directory only; never contacts
 * the control plane, which never sees these names.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        description = "Print this agent's task report of a job: the files transferred, skipped and failed, with reasons.")
final class ReportCommand implements Callable<Integer> {
    /** Which side's report to print. */
    enum Side {
        source(TransferRole.TRANSFER_ROLE_SOURCE), target(TransferRole.TRANSFER_ROLE_TARGET);

        private final TransferRole role;

        Side(TransferRole role) {
            this.role = role;
        }
    }

    /** The output formats; text when neither is given. */
    static final class Format {
        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Option(names = "--csv", description = "Print CSV: role,path,status,error,size,session.")
        boolean csv;
    }

    private final AgentEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
    String jobId;

    @Option(names = "--role", paramLabel = "ROLE", description = "Only this side's report: source or target.")
    Side role;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    ReportCommand(AgentEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        if (!TransferJournal.isValidJobId(jobId)) {
            throw new ParameterException(spec.commandLine(), "JOB is not a job id: it must match"
                    + " [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        AgentConfig config = options.load(environment);
        TransferJournal journal = new TransferJournal(StateDir.at(config.stateDir()));
        TaskReports reports = new TaskReports(journal);
        List<ReportPrinter.Report> found = new ArrayList<>();
        for (Side side : role == null ? Side.values() : new Side[] {role}) {
            Optional<ReportSummary> summary = reports.summary(jobId, side.role);
            summary.ifPresent(s -> found.add(new ReportPrinter.Report(s, side.role)));
        }
        if (found.isEmpty()) {
            throw new StateException("no task report for job " + jobId + (role == null ? "" : " as " + role)
                    + " in " + journal.jobDir(jobId) + "; reports are written when a session of the job ends");
        }
        ReportPrinter printer = new ReportPrinter(reports, jobId, environment.out());
        if (format.json) {
            printer.json(found);
        } else if (format.csv) {
            printer.csv(found);
        } else {
            printer.text(found);
        }
        environment.out().flush();
        return ExitCodes.OK;
    }
}
