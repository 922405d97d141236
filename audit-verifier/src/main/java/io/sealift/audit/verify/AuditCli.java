package io.sealift.audit.verify;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The auditor's stand-alone command, {@code sealift-audit}: needs only a JDK and this module's
 * jars, not the control plane.
 */
@Command(name = "sealift-audit", mixinStandardHelpOptions = true, versionProvider = AuditCli.Version.class,
        subcommands = VerifyCommand.class,
        description = "Offline tools for Sealift audit exports.")
public final class AuditCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AuditCli()).execute(args));
    }

    /** Without a subcommand: prints the usage and fails. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return VerifyCommand.UNUSABLE;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AuditCli.class.getPackage().getImplementationVersion();
            return new String[] {"sealift-audit " + (version == null ? "dev" : version)};
        }
    }
}
