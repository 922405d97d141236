package io.sealift.agent.cli;

import io.grpc.ManagedChannel;
import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.config.ControlPlaneAddress;
import io.sealift.agent.control.AgentDeclaration;
import io.sealift.agent.control.Backoff;
import io.sealift.agent.control.ControlLoop;
import io.sealift.agent.control.GrpcControlSessions;
import io.sealift.agent.control.Sleeper;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.guard.RootGuard;
import io.sealift.agent.state.AgentKeyStore;
import io.sealift.agent.state.CertificateStore;
import io.sealift.agent.state.EnrolledAgent;
import io.sealift.agent.state.KekLocation;
import io.sealift.agent.state.StateDir;
import io.sealift.agent.state.StateException;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.jobs.JobSetup;
import io.sealift.agent.transfer.jobs.TransferJobs;
import io.sealift.agent.transfer.relay.RelayTransport;
import io.sealift.agent.transfer.session.SessionSettings;
import io.sealift.agent.transfer.tree.SourceOpener;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.agent.transport.CaPinMismatchException;
import io.sealift.agent.transport.ControlPlaneChannels;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sealift-agent run}: keeps the agent connected to the control plane until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        description = "Connect to the control plane over mutual TLS and stay connected until stopped.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final AgentEnvironment environment;

    @Mixin
    ConfigOptions options;

    @Option(names = "--service", description = "Run as a system service (the systemd unit passes it):"
            + " refuse to run as root unless --allow-root is given.")
    boolean service;

    @Option(names = "--allow-root", description = "With --service, run even as root (not recommended).")
    boolean allowRoot;

    RunCommand(AgentEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<String> rootWarning = RootGuard.check(environment.user(), service, allowRoot);
        AgentConfig config = options.load(environment);
        rootWarning.ifPresent(LOG::warning);
        StateDir dir = StateDir.at(config.stateDir());
        EnrolledAgent agent = dir.requireAgent();
        CertificateStore certificates = new CertificateStore(dir);
        X509Certificate ca = pinnedCa(config, certificates);
        AgentKeys keys = new AgentKeyStore(dir,
                KekLocation.resolve(environment.variables(), config.keyEncryptionKeyFile(), dir).load(false)).load();
        Supplier<ManagedChannel> channels = channels(config, dir, certificates, ca, keys);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(RunCommand::timerThread);
        try {
            TransferJobs jobs = new TransferJobs(new JobSetup(config, agent.agentId(), keys, new TransferJournal(dir),
                    new RelayTransport(channels), SessionSettings.defaults(environment.random()),
                    TempFileOpener.real(), SourceOpener.real(), scheduler, PROGRESS_INTERVAL, environment.clock()));
            ControlLoop loop = new ControlLoop(
                    new GrpcControlSessions(channels, declaration(config), jobs, environment.clock(), scheduler),
                    new Backoff(config.controlPlane().reconnect(), environment.random()),
                    Sleeper.real(), environment.clock(), config.controlPlane().address().toString(),
                    agent.agentId(), dir::writeStatus);
            environment.shutdownHooks().register(() -> {
                LOG.info("stopping on request");
                boolean stopped = loop.stop(STOP_TIMEOUT);
                jobs.shutdown(STOP_TIMEOUT);
                return stopped;
            });
            LOG.info(() -> "starting agent " + agent.agentId() + " (fingerprint " + agent.fingerprint() + ")");
            warnIfFileNamesAreNotUtf8();
            loop.run();
            return ExitCodes.OK;
        } finally {
            scheduler.shutdownNow();
        }
    }

    /**
     * Checks what the mutual-TLS channel needs from the state directory and returns a factory of
     * channels to the control plane.
     */
    private static Supplier<ManagedChannel> channels(AgentConfig config, StateDir dir, CertificateStore certificates,
            X509Certificate ca, AgentKeys keys) {
        List<X509Certificate> chain = certificates.chain();
        if (!Arrays.equals(chain.get(0).getPublicKey().getEncoded(), keys.tls().publicKeyInfo())) {
            throw new StateException("the client certificate in " + dir + "/certs does not match the agent's TLS key;"
                    + " enroll again with --force");
        }
        ControlPlaneAddress address = config.controlPlane().address();
        return () -> ControlPlaneChannels.forAgent(address, ca, keys.tls().privateKeyForTls(), chain);
    }

    /** File names outside ASCII cannot be read or created when the JVM maps them with another charset. */
    private static void warnIfFileNamesAreNotUtf8() {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!encoding.equalsIgnoreCase("UTF-8")) {
            LOG.warning(() -> "file names are decoded as " + encoding + ", so names outside ASCII cannot be"
                    + " transferred; run the agent with a UTF-8 locale (for example LC_ALL=C.UTF-8)");
        }
    }

    private static Thread timerThread(Runnable task) {
        Thread thread = new Thread(task, "sealift-control-timer");
        thread.setDaemon(true);
        return thread;
    }

    private static X509Certificate pinnedCa(AgentConfig config, CertificateStore certificates) {
        X509Certificate ca = certificates.ca();
        Fingerprint stored = Fingerprint.of(ca.getPublicKey().getEncoded());
        Fingerprint pinned = config.controlPlane().caFingerprint();
        if (!stored.equals(pinned)) {
            throw new CaPinMismatchException(pinned, Optional.of(stored), "the CA certificate stored at enrollment");
        }
        return ca;
    }

    private static AgentDeclaration declaration(AgentConfig config) {
        return new AgentDeclaration(AgentVersion.current(),
                List.copyOf(config.sources().keySet()), List.copyOf(config.targets().keySet()));
    }
}
