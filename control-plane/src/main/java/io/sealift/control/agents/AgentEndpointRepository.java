package io.sealift.control.agents;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Stores the endpoint names agents declare. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AgentEndpointRepository extends GenericRepository<AgentEndpoint, AgentEndpoint.Key> {

    /** Lists an agent's declared endpoints. */
    @Query("SELECT agent_id, kind, name FROM agent_endpoint WHERE agent_id = :agentId ORDER BY kind, name")
    List<AgentEndpoint> findByAgentId(UUID agentId);

    /** Lists the declared endpoints of all of a tenant's agents. */
    @Query("SELECT e.agent_id, e.kind, e.name FROM agent_endpoint e JOIN agent a ON a.id = e.agent_id"
            + " WHERE a.tenant_id = :tenantId ORDER BY e.agent_id, e.kind, e.name")
    List<AgentEndpoint> findByTenantId(UUID tenantId);

    /** Removes an agent's declared endpoints, before storing the ones from a new Hello. */
    @Query("DELETE FROM agent_endpoint WHERE agent_id = :agentId")
    void deleteByAgentId(UUID agentId);

    /** Stores one declared endpoint. */
    @Query("INSERT INTO agent_endpoint (agent_id, kind, name) VALUES (:agentId, :kind, :name)")
    void insert(UUID agentId, String kind, String name);
}
