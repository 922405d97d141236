package io.sealift.control.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnaryDeadlineInterceptorTest {
    private static final MethodDescriptor<String, String> NEVER_ANSWERS = method("test.Slow/NeverAnswers");
    private static final MethodDescriptor<String, String> ECHO = method("test.Slow/Echo");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.Slow")
                .addMethod(NEVER_ANSWERS, ServerCalls.asyncUnaryCall((request, responses) -> {
                }))
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
                    responses.onNext(request);
                    responses.onCompleted();
                }))
                .build();
        server = NettyServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(service,
                        new UnaryDeadlineInterceptor(scheduler, Duration.ofMillis(200))))
                .build().start();
        channel = NettyChannelBuilder.forAddress("localhost", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void unaryCallWithoutClientDeadline_endsWithDeadlineExceeded() {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, NEVER_ANSWERS, CallOptions.DEFAULT, "hi"));

        assertEquals(Status.Code.DEADLINE_EXCEEDED, error.getStatus().getCode());
        assertEquals("the call did not complete within 200 ms", error.getStatus().getDescription());
    }

    @Test
    void unaryCallThatAnswersInTime_isUnaffected() {
        assertEquals("hi", ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "hi"));
    }

    @Test
    void aLongerClientDeadline_isKept() {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, NEVER_ANSWERS,
                        CallOptions.DEFAULT.withDeadlineAfter(600, TimeUnit.MILLISECONDS), "hi"));

        assertEquals(Status.Code.DEADLINE_EXCEEDED, error.getStatus().getCode());
        assertNotEquals("the call did not complete within 200 ms", error.getStatus().getDescription());
    }

    private static MethodDescriptor<String, String> method(String name) {
        MethodDescriptor.Marshaller<String> utf8 = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(String value) {
                return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String parse(InputStream stream) {
                try {
                    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return MethodDescriptor.<String, String>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(name)
                .setRequestMarshaller(utf8)
                .setResponseMarshaller(utf8)
                .build();
    }
}
