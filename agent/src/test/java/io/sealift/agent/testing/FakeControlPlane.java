package io.sealift.agent.testing;

import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.util.Bytes;
import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.EnrollRequest;
import io.sealift.proto.v1.EnrollResponse;
import io.sealift.proto.v1.EnrollmentGrpc;
import io.sealift.proto.v1.HeartbeatAck;
import io.sealift.proto.v1.Hello;
import io.sealift.proto.v1.SignedKeyBundle;
import io.sealift.proto.v1.Welcome;
import io.sealift.testsupport.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A control plane for agent tests: a real gRPC server with TLS on a loopback port, serving
 * Enrollment (no client certificate) and AgentControl (client certificate required), recording
 * what agents send. It checks enrollment requests the way the real one must.
 */
public final class FakeControlPlane implements AutoCloseable {
    public static final String TENANT_ID = "tenant-0001";
    private static final Context.Key<String> AGENT = Context.key("agent");

    private final TestCa ca;
    private final TestCa.ServerIdentity identity;
    private final int port;
    private Server server;

    public final BlockingQueue<EnrollRequest> enrollRequests = new LinkedBlockingQueue<>();
    public final BlockingQueue<Hello> hellos = new LinkedBlockingQueue<>();
    public final BlockingQueue<Long> heartbeats = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> streamEnds = new LinkedBlockingQueue<>();
    /** Job reports from agents: progress and results, with the reporting agent's id. */
    public final BlockingQueue<AgentReport> reports = new LinkedBlockingQueue<>();
    /** The signed key bundle each enrolled agent presented, by agent id. */
    public final Map<String, SignedKeyBundle> bundles = new ConcurrentHashMap<>();
    /** The relay, pairing agents' transfer streams. */
    public final TestRelay relay = new TestRelay();
    private final Map<String, ServerCallStreamObserver<ControlMessage>> streams = new ConcurrentHashMap<>();

    /** A job report from an agent. */
    public record AgentReport(String agentId, AgentMessage message) {
    }

    private volatile Status enrollFailure;
    private volatile Status connectFailure;
    private volatile int heartbeatIntervalSeconds = 1;

    private FakeControlPlane(TestCa ca, TestCa.ServerIdentity identity, int port) {
        this.ca = ca;
        this.identity = identity;
        this.port = port;
    }

    /** Starts a control plane whose server certificate is issued by {@code ca} for localhost. */
    public static FakeControlPlane start(TestCa ca) {
        return start(ca, ca.issueServer("localhost", "127.0.0.1"));
    }

    /** Starts a control plane presenting {@code identity}, trusting client certificates from {@code ca}. */
    public static FakeControlPlane start(TestCa ca, TestCa.ServerIdentity identity) {
        FakeControlPlane controlPlane = new FakeControlPlane(ca, identity, FreePorts.next());
        controlPlane.restart();
        return controlPlane;
    }

    /** Returns the address agents dial. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Makes every Enroll call fail with {@code status}; null restores success. */
    public void failEnrollment(Status status) {
        this.enrollFailure = status;
    }

    /** Makes every Connect call fail with {@code status}; null restores success. */
    public void failConnect(Status status) {
        this.connectFailure = status;
    }

    public void heartbeatIntervalSeconds(int seconds) {
        this.heartbeatIntervalSeconds = seconds;
    }

    /** Starts (again) on the same port. */
    public synchronized void restart() {
        try {
            SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forServer(identity.key(),
                            identity.chain().toArray(X509Certificate[]::new)), SslProvider.JDK)
                    .trustManager(ca.certificate())
                    .clientAuth(ClientAuth.OPTIONAL)
                    .build();
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .sslContext(tls)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .addService(new EnrollmentService())
                    .addService(ServerInterceptors.intercept(new ControlService(), new ClientCertificateInterceptor()))
                    .addService(ServerInterceptors.intercept(relay, new ClientCertificateInterceptor()))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code message} on the control stream of {@code agentId}. */
    public void send(String agentId, ControlMessage message) {
        ServerCallStreamObserver<ControlMessage> out = streams.get(agentId);
        if (out == null) {
            throw new IllegalStateException("agent " + agentId + " is not connected");
        }
        synchronized (out) {
            out.onNext(message);
        }
    }

    /** Returns whether {@code agentId} has a welcomed control stream. */
    public boolean connected(String agentId) {
        return streams.containsKey(agentId);
    }

    /** Stops abruptly, like a crash: open streams fail with UNAVAILABLE. */
    public synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
            server = null;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class EnrollmentService extends EnrollmentGrpc.EnrollmentImplBase {
        @Override
        public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> responses) {
            enrollRequests.add(request);
            Status failure = enrollFailure;
            if (failure != null) {
                responses.onError(failure.asRuntimeException());
                return;
            }
            try {
                responses.onNext(issue(request));
                responses.onCompleted();
            } catch (GeneralSecurityException | IOException e) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        private EnrollResponse issue(EnrollRequest request) throws GeneralSecurityException, IOException {
            AgentKeyBundle bundle = AgentKeyBundle.parseFrom(request.getKeyBundle().getBundle());
            Ed25519Verify.create(Ed25519PublicKey.create(Bytes.copyFrom(bundle.getIdentityPublicKey().toByteArray())))
                    .verify(request.getKeyBundle().getSignature().toByteArray(),
                            request.getKeyBundle().getBundle().toByteArray());
            if (!bundle.getCaFingerprint().equals(ca.fingerprint().value())) {
                throw new GeneralSecurityException("key bundle names another control plane");
            }
            String agentId = UUID.randomUUID().toString();
            bundles.put(agentId, request.getKeyBundle());
            X509Certificate client = ca.issueClient(request.getCsr().toByteArray(), agentId);
            if (!Arrays.equals(client.getPublicKey().getEncoded(), bundle.getTlsPublicKey().toByteArray())) {
                throw new GeneralSecurityException("CSR key does not match the bundle's TLS key");
            }
            return EnrollResponse.newBuilder()
                    .setAgentId(agentId)
                    .setTenantId(TENANT_ID)
                    .addCertificateChain(ByteString.copyFrom(client.getEncoded()))
                    .addCertificateChain(ByteString.copyFrom(ca.certificate().getEncoded()))
                    .setFingerprint(Fingerprint.of(bundle.getIdentityPublicKey().toByteArray()).value())
                    .build();
        }
    }

    private final class ControlService extends AgentControlGrpc.AgentControlImplBase {
        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<ControlMessage> responses) {
            String agent = AGENT.get();
            ServerCallStreamObserver<ControlMessage> out = (ServerCallStreamObserver<ControlMessage>) responses;
            out.setOnCancelHandler(() -> {
                streams.remove(agent, out);
                streamEnds.add("cancelled " + agent);
            });
            Status failure = connectFailure;
            if (failure != null) {
                responses.onError(failure.asRuntimeException());
            }
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage message) {
                    if (failure != null) {
                        return;
                    }
                    synchronized (out) {
                        if (message.hasProgress() || message.hasResult()) {
                            reports.add(new AgentReport(agent, message));
                        } else if (message.hasHello()) {
                            hellos.add(message.getHello());
                            streams.put(agent, out);
                            out.onNext(ControlMessage.newBuilder().setWelcome(Welcome.newBuilder()
                                    .setAgentId(agent).setHeartbeatIntervalSeconds(heartbeatIntervalSeconds)).build());
                        } else if (message.hasHeartbeat()) {
                            heartbeats.add(message.getHeartbeat().getSequence());
                            out.onNext(ControlMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder()
                                    .setSequence(message.getHeartbeat().getSequence())).build());
                        }
                    }
                }

                @Override
                public void onError(Throwable error) {
                    streams.remove(agent, out);
                    streamEnds.add("error " + agent);
                }

                @Override
                public void onCompleted() {
                    streams.remove(agent, out);
                    streamEnds.add("completed " + agent);
                    out.onCompleted();
                }
            };
        }
    }

    /** Puts the client certificate's CN into the context; refuses calls without one. */
    private static final class ClientCertificateInterceptor implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            try {
                X509Certificate client = (X509Certificate) session.getPeerCertificates()[0];
                String cn = client.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
                return Contexts.interceptCall(Context.current().withValue(AGENT, cn), call, headers, next);
            } catch (SSLPeerUnverifiedException | RuntimeException e) {
                call.close(Status.UNAUTHENTICATED.withDescription("client certificate required"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
        }
    }
}
