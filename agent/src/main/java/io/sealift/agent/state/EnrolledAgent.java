package io.sealift.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealift.agent.crypto.Fingerprint;
import java.time.Instant;

/**
 * What the agent knows about its own enrollment, stored as {@code agent.json} in the state
 * directory. Public values only. Immutable.
 *
 * @param agentId the id the control plane assigned (the client certificate's CN)
 * @param tenantId the tenant the enrollment token belonged to
 * @param name the agent's display name
 * @param fingerprint the identity key fingerprint, the value customers pin on peers
 * @param hpkeFingerprint the fingerprint of the raw HPKE public key, for display
 * @param controlPlane the {@code host:port} the agent enrolled with
 * @param caFingerprint the control plane CA fingerprint the agent enrolled with
 * @param enrolledAt when enrollment completed
 */
public record EnrolledAgent(
        String agentId,
        String tenantId,
        String name,
        Fingerprint fingerprint,
        Fingerprint hpkeFingerprint,
        String controlPlane,
        Fingerprint caFingerprint,
        Instant enrolledAt) {

    /** Returns the JSON form written to {@code agent.json}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("agentId", agentId);
        json.put("tenantId", tenantId);
        json.put("name", name);
        json.put("fingerprint", fingerprint.value());
        json.put("hpkeFingerprint", hpkeFingerprint.value());
        json.put("controlPlane", controlPlane);
        json.put("caFingerprint", caFingerprint.value());
        json.put("enrolledAt", enrolledAt.toString());
        return json;
    }

    /**
     * Reads the JSON form of {@code agent.json}.
     *
     * @throws IllegalArgumentException if a field is missing or malformed
     */
    public static EnrolledAgent fromJson(JsonNode json) {
        return new EnrolledAgent(
                text(json, "agentId"),
                text(json, "tenantId"),
                text(json, "name"),
                Fingerprint.parse(text(json, "fingerprint")),
                Fingerprint.parse(text(json, "hpkeFingerprint")),
                text(json, "controlPlane"),
                Fingerprint.parse(text(json, "caFingerprint")),
                Instant.parse(text(json, "enrolledAt")));
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value.asText();
    }
}
