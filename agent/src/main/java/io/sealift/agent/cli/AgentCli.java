package io.sealift.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code sealift-agent} command line: parses arguments, runs a subcommand and turns its
 * outcome into an exit code and at most one error line ({@code sealift-agent: <what is wrong>})
 * on standard error. Stack traces only with {@code --verbose}.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
public final class AgentCli {
    private static final String PREFIX = "sealift-agent: ";
    private static final String TOKEN_OPTION = "--token";
    private static final int MIN_REDACTED = 6;

    private final CommandLine commandLine;

    /** Creates the command line working in {@code environment}. */
    public AgentCli(AgentEnvironment environment) {
        this.commandLine = new CommandLine(new AgentCommand())
                .addSubcommand(new EnrollCommand(environment))
                .addSubcommand(new RunCommand(environment))
                .addSubcommand(new StatusCommand(environment))
                .addSubcommand(new ReportCommand(environment))
                .setOut(environment.out())
                .setErr(environment.err())
                .setParameterExceptionHandler(AgentCli::usageError)
                .setExecutionExceptionHandler(AgentCli::failure);
    }

    /** Runs the command {@code args} names; returns the process exit code (see {@link ExitCodes}). */
    public int execute(String... args) {
        return commandLine.execute(args);
    }

    /** The top-level command; on its own it only explains itself. */
    @Command(name = "sealift-agent", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
            description = "The Sealift agent: enrolls with a control plane and moves encrypted data between sites.")
    static final class AgentCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "missing command: one of enroll, run, status, report");
        }
    }

    private static int usageError(ParameterException error, String[] args) {
        CommandLine failed = error.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println(PREFIX + redact(safeMessage(error), args));
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * Returns the error's message, except that unmatched arguments are named only when they look
     * like options: a mistyped option name could otherwise echo the token that followed it.
     */
    private static String safeMessage(ParameterException error) {
        if (error instanceof UnmatchedArgumentException unmatched) {
            List<String> options = unmatched.getUnmatched().stream()
                    .filter(arg -> arg.startsWith("-"))
                    .map(arg -> "'" + arg.split("=", 2)[0] + "'")
                    .collect(Collectors.toList());
            return options.isEmpty() ? "unexpected argument" : "unknown option " + String.join(", ", options);
        }
        return error.getMessage();
    }

    /**
     * Replaces the value of every {@code --token} argument in {@code message} with {@code [redacted]}.
     * Values shorter than {@value #MIN_REDACTED} characters are left alone: they cannot be real tokens,
     * and replacing them would garble the message.
     */
    static String redact(String message, String[] args) {
        String result = message;
        for (int i = 0; i < args.length; i++) {
            String secret = null;
            if (args[i].equals(TOKEN_OPTION) && i + 1 < args.length) {
                secret = args[i + 1];
            } else if (args[i].startsWith(TOKEN_OPTION + "=")) {
                secret = args[i].substring(TOKEN_OPTION.length() + 1);
            }
            if (secret != null && secret.length() >= MIN_REDACTED) {
                result = result.replace(secret, "[redacted]");
            }
        }
        return result;
    }

    private static int failure(Exception error, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println(PREFIX + redact(oneLine(error), parsed.originalArgs().toArray(String[]::new)));
        if (verbose(parsed)) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        return ExitCodes.of(error);
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected " + error.getClass().getSimpleName() + " (run with --verbose for details)";
        }
        return message.lines().findFirst().orElse(message);
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
