package io.sealift.packaging.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs, removes and purges the .deb with dpkg inside a private mount namespace whose /etc,
 * /var, /opt and /usr are overlays on a temporary directory, so the host is left untouched:
 * the maintainer scripts create the user, set owners and modes, generate the path drop-in, and
 * remove keeps config and state while purge deletes them. The agent accepts the config with the
 * mode the package gives it, and refuses to run as a service as root.
 */
class DebInstallIT {
    @TempDir
    Path work;

    @Test
    void dpkgInstallRemovePurge_followDebianConventions() {
        assumeTrue(Command.run(List.of("unshare", "-m", "true")).exitCode() == 0,
                "needs root and mount namespaces (unshare -m)");
        String script = """
                set -e
                mount -t tmpfs none "$W"
                for d in etc var opt usr; do
                    mkdir -p "$W/$d.up" "$W/$d.work"
                    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$W/$d.up,workdir=$W/$d.work" "/$d"
                done
                dpkg -i "$DEB" >/dev/null
                echo "user: $(getent passwd sealift | cut -d: -f1,6,7)"
                stat -c 'stat: %n %U:%G %a' /etc/sealift /etc/sealift/agent.yaml /var/lib/sealift-agent \\
                    /opt/sealift-agent/runtime/bin/java /etc/systemd/system/sealift-agent.service.d/50-paths.conf
                echo "version: $(/usr/bin/sealift-agent --version)"
                sed -i -e 's/"HOST:PORT"/"cp.example.com:7443"/' \\
                    -e "s/\\"sha256:FINGERPRINT\\"/sha256:$(printf '0%.0s' $(seq 64))/" /etc/sealift/agent.yaml
                echo "status as sealift: $(runuser -u sealift -- /usr/bin/sealift-agent status \\
                    --config /etc/sealift/agent.yaml 2>&1 | head -n 1)"
                echo "service as root: $(/usr/bin/sealift-agent run --service --config /etc/sealift/agent.yaml 2>&1 || echo "exit $?")"
                dpkg -r sealift-agent >/dev/null 2>&1
                echo "after remove: $(ls -d /etc/sealift/agent.yaml /var/lib/sealift-agent /opt/sealift-agent 2>/dev/null | tr '\\n' ' ')"
                dpkg -P sealift-agent >/dev/null 2>&1
                echo "after purge: $(ls -d /etc/sealift /var/lib/sealift-agent 2>/dev/null | tr '\\n' ' ')"
                """;
        Command.Result result = Command.run(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "W=" + work + " DEB=" + Artifacts.deb() + "\n" + script)).ok();
        String out = result.output();
        assertTrue(out.contains("user: sealift:/var/lib/sealift-agent:/usr/sbin/nologin"), out);
        assertTrue(out.contains("stat: /etc/sealift root:sealift 750"), out);
        assertTrue(out.contains("stat: /etc/sealift/agent.yaml root:sealift 640"), out);
        assertTrue(out.contains("stat: /var/lib/sealift-agent sealift:sealift 700"), out);
        assertTrue(out.contains("stat: /opt/sealift-agent/runtime/bin/java root:root 755"), out);
        assertTrue(out.contains("50-paths.conf root:root 644"), out);
        assertTrue(out.contains("version: sealift-agent " + Artifacts.version()), out);
        assertTrue(out.contains("status as sealift: enrolled:        no"), "the packaged config's mode passes: " + out);
        assertTrue(out.contains("service as root: sealift-agent: refusing to run as root with --service"), out);
        assertTrue(out.contains("exit 2"), out);
        assertTrue(out.lines().anyMatch(l -> l.equals("after remove: /etc/sealift/agent.yaml /var/lib/sealift-agent ")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.equals("after purge: ")), out);
    }
}
