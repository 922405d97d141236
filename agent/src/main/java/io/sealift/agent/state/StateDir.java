package io.sealift.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sealift.agent.guard.FileRule;
import io.sealift.agent.state.internal.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The agent's state directory: its layout, and the JSON records in it.
 *
 * <pre>
 * stateDir/            0700
 *   agent.json         enrolled identity (public values); its presence means "enrolled"
 *   status.json        last control-stream state, written by run
 *   kek                default key-encryption key (only when no other location is set)
 *   keys/              0700: identity.keyset, hpke.keyset, tls.key (encrypted), key-bundle.pb
 *   certs/             0700: ca.pem, client-chain.pem
 *   transfers/         0700: the journal of completed transfer sessions (see {@link TransferJournal})
 * </pre>
 *
 * <p>Every file is written 0600 and atomically. Thread-safe: instances hold only the path.
 */
public final class StateDir {
    /** The file whose presence means the agent is enrolled. */
    public static final String AGENT_FILE = "agent.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    private StateDir(Path root) {
        this.root = root;
    }

    /** Returns the state directory at {@code root}; nothing is created yet. */
    public static StateDir at(Path root) {
        return new StateDir(root);
    }

    /** Returns the directory itself. */
    public Path root() {
        return root;
    }

    /**
     * Creates the directory and its {@code keys/} and {@code certs/} subdirectories with mode
     * 0700, or checks that existing ones are not open to group or others.
     *
     * @throws StateException if that fails
     */
    public void create() {
        for (Path dir : new Path[] {root, keysDir(), certsDir()}) {
            try {
                PrivateFiles.ensureDirectory(dir);
            } catch (IOException e) {
                throw new StateException("state directory: " + e.getMessage(), e);
            }
        }
    }

    /** Returns whether {@code agent.json} exists. */
    public boolean isEnrolled() {
        return Files.exists(root.resolve(AGENT_FILE));
    }

    Path keysDir() {
        return root.resolve("keys");
    }

    Path certsDir() {
        return root.resolve("certs");
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    /** Returns where the key-encryption key lives when neither systemd nor the config says. */
    public Path defaultKekFile() {
        return root.resolve("kek");
    }

    /** Returns the enrolled agent, or throws if there is none. */
    public EnrolledAgent requireAgent() {
        return readAgent().orElseThrow(() -> new NotEnrolledException(root));
    }

    /** Returns the enrolled agent from {@code agent.json}, empty if not enrolled. */
    public Optional<EnrolledAgent> readAgent() {
        return readJson(AGENT_FILE, EnrolledAgent::fromJson);
    }

    /** Writes {@code agent.json}. */
    public void writeAgent(EnrolledAgent agent) {
        writeJson(AGENT_FILE, agent.toJson());
    }

    /** Returns the last connection status from {@code status.json}, empty if none. */
    public Optional<ConnectionStatus> readStatus() {
        return readJson("status.json", ConnectionStatus::fromJson);
    }

    /** Writes {@code status.json}. */
    public void writeStatus(ConnectionStatus status) {
        writeJson("status.json", status.toJson());
    }

    /** Deletes {@code status.json}, which belongs to an earlier enrollment. */
    public void deleteStatus() {
        try {
            Files.deleteIfExists(file("status.json"));
        } catch (IOException e) {
            throw new StateException("cannot delete " + file("status.json") + ": " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> readJson(String name, Function<JsonNode, T> parser) {
        Path path = file(name);
        try {
            return Optional.of(parser.apply(JSON.readTree(Files.readAllBytes(path))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new StateException(path + " is damaged or unreadable: " + e.getMessage(), e);
        }
    }

    void write(String name, byte[] data) {
        Path path = file(name);
        try {
            PrivateFiles.write(path, data);
        } catch (IOException e) {
            throw new StateException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    byte[] read(String name) {
        return read(name, false);
    }

    /**
     * Reads a private key file, refusing it if anyone but its owner may read or write it.
     *
     * @throws io.sealift.agent.guard.ExposedFileException if the file's mode breaks {@link FileRule#KEY}
     */
    byte[] readPrivate(String name) {
        return read(name, true);
    }

    private byte[] read(String name, boolean secret) {
        Path path = file(name);
        try {
            if (secret) {
                FileRule.KEY.check("key file", path);
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new StateException(path + " is missing; enroll again with --force", e);
        } catch (IOException e) {
            throw new StateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private void writeJson(String name, JsonNode json) {
        try {
            write(name, JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new StateException("cannot encode " + name, e);
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
