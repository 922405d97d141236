package io.sealift.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.state.ConnectionStatus;
import io.sealift.agent.state.EnrolledAgent;
import io.sealift.agent.state.StateDir;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sealift-agent status}: shows the enrollment and the last connection state. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        description = "Show whether this agent is enrolled, its fingerprint and its last connection.")
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final AgentEnvironment environment;

    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    StatusCommand(AgentEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        AgentConfig config = options.load(environment);
        StateDir dir = StateDir.at(config.stateDir());
        Optional<EnrolledAgent> agent = dir.readAgent();
        Optional<ConnectionStatus> connection = agent.isPresent() ? dir.readStatus() : Optional.empty();
        if (json) {
            environment.out().println(JSON.writeValueAsString(toJson(dir, agent, connection)));
        } else {
            printText(environment.out(), dir, agent, connection);
        }
        environment.out().flush();
        return ExitCodes.OK;
    }

    private static ObjectNode toJson(StateDir dir, Optional<EnrolledAgent> agent, Optional<ConnectionStatus> connection) {
        ObjectNode result = JSON.createObjectNode();
        result.put("enrolled", agent.isPresent());
        result.put("stateDir", dir.root().toString());
        agent.ifPresent(a -> {
            result.setAll(a.toJson());
            result.set("connection", connection.<JsonNode>map(ConnectionStatus::toJson)
                    .orElse(JSON.nullNode()));
        });
        return result;
    }

    private static void printText(PrintWriter out, StateDir dir, Optional<EnrolledAgent> agent,
            Optional<ConnectionStatus> connection) {
        if (agent.isEmpty()) {
            out.println("enrolled:        no");
            out.println("state dir:       " + dir.root());
            return;
        }
        EnrolledAgent a = agent.get();
        out.println("enrolled:        yes, at " + a.enrolledAt());
        out.println("agent id:        " + a.agentId());
        out.println("tenant id:       " + a.tenantId());
        out.println("name:            " + a.name());
        out.println("fingerprint:     " + a.fingerprint());
        out.println("hpke key:        " + a.hpkeFingerprint());
        out.println("control plane:   " + a.controlPlane());
        out.println("ca fingerprint:  " + a.caFingerprint());
        out.println("state dir:       " + dir.root());
        out.println("connection:      " + connection.map(StatusCommand::describe).orElse("never connected"));
    }

    private static String describe(ConnectionStatus status) {
        StringBuilder text = new StringBuilder(status.state().label()).append(" since ").append(status.since());
        status.lastConnectedAt().map(Instant::toString).ifPresent(at -> text.append("; last connected ").append(at));
        status.lastError().ifPresent(error -> text.append("; last error: ").append(error));
        return text.toString();
    }
}
