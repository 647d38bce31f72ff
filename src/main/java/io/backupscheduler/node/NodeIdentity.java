package io.backupscheduler.node;

import io.backupscheduler.lib.placement.Labels;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's name: {@code backup.node.id} when set (give each node of a cluster its own), otherwise the host
 * name and process id, which differ between two servers on one machine; and its labels ({@code backup.node.labels}).
 */
@ApplicationScoped
public class NodeIdentity {
    private static final Logger LOG = Logger.getLogger(NodeIdentity.class.getName());

    @Inject
    @ConfigProperty(name = "backup.node.id")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "backup.node.labels")
    Optional<String> configuredLabels;

    private String id;
    private Labels labels = Labels.NONE;
    private NodeAdmission admission = NodeAdmission.NONE;

    @PostConstruct
    void resolve() {
        id = configured.filter(s -> !s.isBlank()).map(String::strip).orElseGet(NodeIdentity::hostAndPid);
        if (id.length() > 100) {
            id = id.substring(0, 100);
        }
        try {
            labels = Labels.parse(configuredLabels.orElse(null));
        } catch (IllegalArgumentException e) {
            // a node that cannot say what it is takes only work placed nowhere in particular, which is always safe
            LOG.severe(() -> "backup.node.labels: " + e.getMessage() + "; node " + id + " runs with no labels until it is mended");
        }
        Config config = ConfigProvider.getConfig();
        try {
            admission = NodeAdmission.parse(key -> config.getOptionalValue("backup.node.admission." + key, String.class).orElse(null));
        } catch (IllegalArgumentException e) {
            // the cluster's thresholds apply until it is mended: the node still admits runs by the shared rules
            LOG.severe(() -> e.getMessage() + "; node " + id + " uses the cluster's admission thresholds until it is mended");
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

    /** Admission thresholds this node sets over the cluster's ({@code backup.node.admission.*}). */
    public NodeAdmission admission() {
        return admission;
    }

    /** What this node declares it is and holds ({@code backup.node.labels}): jobs placed on labels run only where all are. */
    public Labels labels() {
        return labels;
    }
}
