package io.sealift.agent.transfer.jobs;

import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.session.SessionSettings;
import io.sealift.agent.transfer.session.TransferChannels;
import io.sealift.agent.transfer.tree.SourceOpener;
import io.sealift.agent.transfer.tree.TempFileOpener;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every transfer job of this agent shares. Immutable.
 *
 * @param config the agent's config: its declared endpoints and pins
 * @param agentId this agent's id, from its enrollment
 * @param keys this agent's keys
 * @param journal the journal of completed sessions
 * @param channels opens the channel to the peer (the relay)
 * @param settings frame size, timeouts, randomness
 * @param opener creates receivers' temporary files
 * @param sourceOpener opens senders' source files
 * @param scheduler runs progress reports; owned by the caller
 * @param progressInterval how often a running job reports progress
 * @param clock dates the task reports
 */
public record JobSetup(AgentConfig config, String agentId, AgentKeys keys, TransferJournal journal,
        TransferChannels channels, SessionSettings settings, TempFileOpener opener, SourceOpener sourceOpener,
        ScheduledExecutorService scheduler, Duration progressInterval, Clock clock) {
}
