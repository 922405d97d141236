package io.sealift.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The control-stream connection as {@code run} last saw it, stored as {@code status.json} so
 * {@code status} can show it. Immutable.
 *
 * @param state the connection state
 * @param since when the agent entered {@code state}
 * @param controlPlane the {@code host:port} the agent dials
 * @param lastConnectedAt when the control plane last welcomed the agent, if ever
 * @param lastError why the last connection ended or failed, if it did
 */
public record ConnectionStatus(
        State state, Instant since, String controlPlane, Optional<Instant> lastConnectedAt, Optional<String> lastError) {

    /** The connection states, written in lowercase. */
    public enum State {
        /** Dialling or awaiting the control plane's Welcome. */
        CONNECTING,
        /** Welcomed; heartbeats flowing. */
        CONNECTED,
        /** The stream ended or could not be opened; a reconnect is scheduled. */
        DISCONNECTED,
        /** The control plane refused the agent as revoked; {@code run} exited. */
        REVOKED,
        /** {@code run} stopped on request. */
        STOPPED;

        /** Returns the lowercase name used in JSON and in {@code status} output. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Returns the JSON form written to {@code status.json}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("state", state.label());
        json.put("since", since.toString());
        json.put("controlPlane", controlPlane);
        json.put("lastConnectedAt", lastConnectedAt.map(Instant::toString).orElse(null));
        json.put("lastError", lastError.orElse(null));
        return json;
    }

    /**
     * Reads the JSON form of {@code status.json}.
     *
     * @throws IllegalArgumentException if a field is missing or malformed
     */
    public static ConnectionStatus fromJson(JsonNode json) {
        return new ConnectionStatus(
                State.valueOf(EnrolledAgent.text(json, "state").toUpperCase(Locale.ROOT)),
                Instant.parse(EnrolledAgent.text(json, "since")),
                EnrolledAgent.text(json, "controlPlane"),
                optional(json, "lastConnectedAt").map(Instant::parse),
                optional(json, "lastError"));
    }

    private static Optional<String> optional(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }
}
