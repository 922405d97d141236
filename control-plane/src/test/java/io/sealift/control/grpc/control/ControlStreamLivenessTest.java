package io.sealift.control.grpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.grpc.AgentGrpcServer;
import io.sealift.control.grpc.RecordingObserver;
import io.sealift.control.grpc.RecordingStreamListener;
import io.sealift.control.grpc.StoreFixtures;
import io.sealift.control.grpc.TestAgent;
import io.sealift.control.grpc.TestChannels;
import io.sealift.control.testing.TempDataDir;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.Hello;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Runs with a 100 ms heartbeat interval, so a silent agent is cut off after 300 ms. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlStreamLivenessTest extends TempDataDir {
    @Inject AgentGrpcServer server;
    @Inject CertificateAuthority ca;
    @Inject StoreFixtures store;
    @Inject AgentRepository agents;
    @Inject RecordingStreamListener listener;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("sealift.grpc.heartbeat-interval", "100ms");
    }

    @Test
    void silentAgent_isDisconnectedWithDeadlineExceeded() {
        TestAgent agent = TestAgent.generate();
        ManagedChannel anonymous = TestChannels.anonymous(server.port(), ca.certificate());
        UUID agentId = UUID.fromString(agent.enroll(anonymous, store.token(store.tenant()).value(), ca.fingerprint())
                .getAgentId());
        anonymous.shutdownNow();
        ManagedChannel channel = agent.channel(server.port(), ca.certificate());
        try {
            RecordingObserver<ControlMessage> received = new RecordingObserver<>();
            AgentControlGrpc.newStub(channel).connect(received)
                    .onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setVersion("1")).build());
            assertTrue(received.next().hasWelcome());

            Status status = received.end();

            assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode());
            assertEquals("no message from the agent for 300 ms (3 heartbeat intervals)", status.getDescription());
            listener.await("closed", agentId);
            assertFalse(agents.findById(agentId).orElseThrow().connected());
        } finally {
            channel.shutdownNow();
        }
    }
}
