package io.sealift.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final Fingerprint CA = Fingerprint.of(new byte[] {1});
    private static final String JOB = "0f6b7a57-5d43-4c1f-9d57-0d1f6f7d2b11";

    @TempDir
    Path home;

    private TestAgent agent;

    @BeforeEach
    void agentWithAReport() throws Exception {
        agent = new TestAgent(home);
        agent.writeConfig("cp:7443", CA, "");
        Path jobDir = Files.createDirectories(agent.stateDir().resolve("transfers/" + JOB));
        Files.writeString(jobDir.resolve("source.report.jsonl"), String.join("\n",
                "{\"job\":\"" + JOB + "\",\"role\":\"source\",\"session\":2,\"scope\":\"all\","
                        + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"transferred\":2,\"skipped\":0,\"failed\":1}",
                "{\"path\":\"docs/a.txt\",\"status\":\"transferred\",\"size\":120,\"session\":1}",
                "{\"path\":\"docs/gone, \\\"really\\\".txt\",\"status\":\"failed\",\"error\":\"FILE_VANISHED\",\"size\":7,"
                        + "\"session\":2}",
                "{\"path\":\"odd\\nname\",\"status\":\"transferred\",\"size\":0,\"session\":2}") + "\n",
                StandardCharsets.UTF_8);
    }

    private TestAgent.Result report(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "report";
        args[1] = "--config=" + agent.config();
        args[2] = JOB;
        System.arraycopy(extra, 0, args, 3, extra.length);
        return agent.execute(args);
    }

    @Test
    void text_listsEveryFileWithItsStatusAndReason_oneLineEach() {
        TestAgent.Result result = report();

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("job " + JOB + " as source: session 2 (all files), updated 2026-12-01T10:00:00Z\n"
                + "  transferred 2, skipped 0, failed 1\n"
                + "  transferred                     docs/a.txt\n"
                + "  failed       FILE_VANISHED      docs/gone, \"really\".txt\n"
                + "  transferred                     odd\\nname\n", result.out());
    }

    @Test
    void json_isOneDocumentWithTheCountsAndTheFiles() throws Exception {
        TestAgent.Result result = report("--json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(JOB, json.get("job").asText());
        JsonNode source = json.get("reports").get(0);
        assertEquals("source", source.get("role").asText());
        assertEquals(1, source.get("failed").asInt());
        assertEquals("FILE_VANISHED", source.get("files").get(1).get("error").asText());
        assertEquals("odd\nname", source.get("files").get(2).get("path").asText());
    }

    @Test
    void csv_quotesNamesWithCommasQuotesAndLineBreaks() {
        TestAgent.Result result = report("--csv");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("role,path,status,error,size,session\r\n"
                + "source,docs/a.txt,transferred,,120,1\r\n"
                + "source,\"docs/gone, \"\"really\"\".txt\",failed,FILE_VANISHED,7,2\r\n"
                + "source,\"odd\nname\",transferred,,0,2\r\n", result.out());
    }

    @Test
    void aJobWithoutAReport_orARoleWithoutOne_exits1_andAMalformedJobId_exits2() {
        TestAgent.Result none = agent.execute("report", "--config", agent.config().toString(), "another-job");
        TestAgent.Result target = report("--role", "target");
        TestAgent.Result malformed = agent.execute("report", "--config", agent.config().toString(), "../../etc");
        TestAgent.Result both = report("--json", "--csv");

        assertEquals(1, none.exitCode());
        assertTrue(none.err().startsWith("sealift-agent: no task report for job another-job"), none.err());
        assertEquals(1, target.exitCode(), target.err());
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().startsWith("sealift-agent: JOB is not a job id"), malformed.err());
        assertEquals(2, both.exitCode(), both.err());
    }
}
