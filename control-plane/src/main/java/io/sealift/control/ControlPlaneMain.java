package io.sealift.control;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.sealift.audit.verify.VerifyCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code sealift-control} command: starts the control plane; {@code sealift-control audit
 * verify} checks an audit export offline instead.
 *
 * <p>Flags become Micronaut configuration properties; everything else comes from
 * {@code application.yml} and the environment (for example {@code DATASOURCES_DEFAULT_URL}).
 */
@Command(name = "sealift-control", mixinStandardHelpOptions = true,
        versionProvider = ControlPlaneMain.Version.class, subcommands = ControlPlaneMain.AuditCommand.class,
        description = "Runs the Sealift control plane: REST API for staff, gRPC for agents.")
public final class ControlPlaneMain implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./sealift-data",
            description = "Data directory: database, CA key, bootstrap token (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "N", description = "REST API port (default: 8080).")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "ADDR",
            description = "REST API bind address (default: 127.0.0.1, loopback only).")
    String httpHost;

    @Option(names = "--http-tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain for the REST API; with --http-tls-key, the REST port"
                    + " serves TLS only.")
    Path httpTlsCert;

    @Option(names = "--http-tls-key", paramLabel = "FILE", description = "PEM private key (unencrypted) for the REST API.")
    Path httpTlsKey;

    @Option(names = "--grpc-port", paramLabel = "N", description = "Agent gRPC port, always TLS (default: 7443).")
    Integer grpcPort;

    @Option(names = "--grpc-host", paramLabel = "ADDR", description = "Agent gRPC bind address (default: 0.0.0.0).")
    String grpcHost;

    @Option(names = "--grpc-hostname", paramLabel = "NAME",
            description = "Extra DNS name or IP for the gRPC server certificate; repeatable."
                    + " localhost and 127.0.0.1 are always included.")
    List<String> grpcHostnames;

    private ApplicationContext context;

    /** Runs the command line and exits with its status, unless the service keeps running. */
    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ControlPlaneMain());
        int status = commandLine.execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() {
        context = Micronaut.build(new String[0])
                .mainClass(ControlPlaneMain.class)
                .properties(properties())
                .banner(false)
                .start();
        return 0;
    }

    /** Returns the configuration properties the flags set. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sealift.data-dir", dataDir.toAbsolutePath().normalize().toString());
        putIfSet(properties, "micronaut.server.port", httpPort);
        putIfSet(properties, "micronaut.server.host", httpHost);
        putIfSet(properties, "sealift.http.tls.certificate-file", absolute(httpTlsCert));
        putIfSet(properties, "sealift.http.tls.key-file", absolute(httpTlsKey));
        putIfSet(properties, "sealift.grpc.port", grpcPort);
        putIfSet(properties, "sealift.grpc.host", grpcHost);
        putIfSet(properties, "sealift.grpc.hostnames", grpcHostnames);
        return properties;
    }

    private static String absolute(Path file) {
        return file == null ? null : file.toAbsolutePath().normalize().toString();
    }

    private static void putIfSet(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    /**
     * {@code sealift-control audit}: offline tools for audit exports. Its {@code verify} is the
     * auditors' verifier itself (module {@code audit-verifier}), so both commands behave alike;
     * neither starts the service nor opens the data directory.
     */
    @Command(name = "audit", mixinStandardHelpOptions = true, subcommands = VerifyCommand.class,
            versionProvider = ControlPlaneMain.Version.class,
            description = "Offline tools for audit exports: verify FILE --key-fingerprint sha256:HEX.")
    static final class AuditCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        /** Without a subcommand: prints the usage and fails. */
        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return VerifyCommand.UNUSABLE;
        }
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ControlPlaneMain.class.getPackage().getImplementationVersion();
            return new String[] {"sealift-control " + (version == null ? "dev" : version)};
        }
    }
}
