package io.sealift.agent.cli;

import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.enroll.AgentName;
import io.sealift.agent.enroll.Enroller;
import io.sealift.agent.enroll.EnrollmentToken;
import io.sealift.agent.state.EnrolledAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code sealift-agent enroll}: generates keys and enrolls with the control plane. */
@Command(name = "enroll", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        description = "Generate this agent's keys and enroll with the control plane using a single-use token.")
final class EnrollCommand implements Callable<Integer> {
    private final AgentEnvironment environment;

    @Mixin
    ConfigOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TokenSource token;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The agent's name, 1-64 characters of [A-Za-z0-9._-] (default: the host name).")
    String name;

    @Option(names = "--force", description = "Replace an existing enrollment with new keys.")
    boolean force;

    @Spec
    CommandSpec spec;

    EnrollCommand(AgentEnvironment environment) {
        this.environment = environment;
    }

    /** Where the token comes from: the command line or a file (which keeps it out of {@code ps}). */
    static final class TokenSource {
        @Option(names = "--token", paramLabel = "TOKEN", converter = TokenConverter.class,
                description = "The enrollment token (visible to other local users in the process list).")
        EnrollmentToken value;

        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the enrollment token from FILE.")
        Path file;
    }

    /** Converts the token without ever echoing it in an error. */
    static final class TokenConverter implements ITypeConverter<EnrollmentToken> {
        @Override
        public EnrollmentToken convert(String value) {
            try {
                return EnrollmentToken.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        AgentConfig config = options.load(environment);
        EnrolledAgent agent = new Enroller(environment.clock(), environment.random(), AgentVersion.current(),
                environment.variables()).enroll(config, token(), agentName(), force);
        environment.out().println("enrolled agent " + agent.agentId() + " (name " + agent.name() + ")");
        environment.out().println("fingerprint " + agent.fingerprint());
        environment.out().flush();
        return ExitCodes.OK;
    }

    private EnrollmentToken token() {
        if (token.value != null) {
            return token.value;
        }
        try {
            return EnrollmentToken.of(Files.readString(token.file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read token file " + token.file + ": "
                    + (e instanceof NoSuchFileException ? "file not found" : e.getClass().getSimpleName()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "token file " + token.file + ": " + e.getMessage());
        }
    }

    private AgentName agentName() {
        try {
            return name != null ? new AgentName(name) : AgentName.fromHostName(environment.hostName().get());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--name: " + e.getMessage());
        }
    }
}
