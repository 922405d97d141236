package io.sealift.agent;

/** The agent's entry point. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.out.println("sealift-agent");
    }
}
