package io.backupscheduler.node;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's name: {@code backup.node.id} when set (give each node of a cluster its own), otherwise the host
 * name and process id, which differ between two servers on one machine.
 */
@ApplicationScoped
public class NodeIdentity {
    @Inject
    @ConfigProperty(name = "backup.node.id")
    Optional<String> configured;

    private String id;

    @PostConstruct
    void resolve() {
        id = configured.filter(s -> !s.isBlank()).map(String::strip).orElseGet(NodeIdentity::hostAndPid);
        if (id.length() > 100) {
            id = id.substring(0, 100);
        }
    }

    private static String hostAndPid() {
        return host() + "-" + ProcessHandle.current().pid();
    }

    /** This machine's host name, as the cluster's node list shows it. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public String id() {
        return id;
    }
}
