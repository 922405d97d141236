package io.sealift.packaging.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent .deb, as {@code dpkg-deb --info} and {@code --contents} show it. */
class AgentDebIT {
    @Test
    void info_namesThePackageItsDependenciesAndMaintainerScripts() {
        String info = Command.run(List.of("dpkg-deb", "--info", Artifacts.deb().toString())).ok().output();
        assertTrue(info.contains("Package: sealift-agent"), info);
        assertTrue(info.contains("Version: " + Artifacts.version().replace("-SNAPSHOT", "~SNAPSHOT")), info);
        assertTrue(info.contains("Architecture: amd64"), info);
        assertTrue(info.contains("Depends: adduser"), info);
        for (String script : List.of("postinst", "prerm", "postrm", "conffiles")) {
            assertTrue(info.contains(" " + script), script + " in\n" + info);
        }
        String conffiles = Command.run(List.of("dpkg-deb", "--info", Artifacts.deb().toString(), "conffiles"))
                .ok().output();
        assertEquals("/etc/sealift/agent.yaml", conffiles.strip());
    }

    @Test
    void contents_layOutRuntimeConfigAndUnits_ownedByRoot() {
        List<String> lines = Command.run(List.of("dpkg-deb", "--contents", Artifacts.deb().toString())).ok()
                .output().lines().toList();
        assertEntry(lines, "-rwxr-xr-x root/root", "./opt/sealift-agent/bin/sealift-agent");
        assertEntry(lines, "-rwxr-xr-x root/root", "./opt/sealift-agent/runtime/bin/java");
        assertEntry(lines, "-rw-r--r-- root/root", "./opt/sealift-agent/lib/sealift-agent-" + Artifacts.version() + ".jar");
        assertEntry(lines, "-rw-r--r-- root/root", "./lib/systemd/system/sealift-agent.service");
        assertEntry(lines, "-rw-r--r-- root/root", "./lib/systemd/system/sealift-agent-paths.path");
        assertEntry(lines, "-rw-r----- root/root", "./etc/sealift/agent.yaml");
        assertEntry(lines, "-rwxr-xr-x root/root", "./usr/bin/sealift-agent");
        assertFalse(lines.stream().anyMatch(l -> l.endsWith("/install.sh") || l.endsWith("/uninstall.sh")),
                "the .deb has no use for the install scripts");
        assertFalse(lines.stream().anyMatch(l -> l.contains("./var/lib/sealift-agent/")),
                "state is created by postinst, owned by the sealift user");
    }

    private static void assertEntry(List<String> lines, String modeAndOwner, String path) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(modeAndOwner) && l.endsWith(" " + path)),
                modeAndOwner + " " + path + " in\n" + String.join("\n", lines.subList(0, Math.min(40, lines.size()))));
    }
}
