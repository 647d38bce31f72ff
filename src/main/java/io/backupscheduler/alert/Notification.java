package io.backupscheduler.alert;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** What a channel sends about an incident: the same facts as JSON for webhooks and as text for email. */
record Notification(long alertId, AlertDelivery.Event event, long ruleId, String ruleName, AlertType type, String subject,
                    String subjectLabel, String message, Instant openedAt, Instant resolvedAt) {

    static Notification of(Alert alert, AlertRule rule, AlertDelivery.Event event) {
        return new Notification(alert.getId(), event, rule.getId(), rule.getName(), rule.getType(), alert.getSubject(),
                alert.getSubjectLabel(), alert.getMessage(), alert.getOpenedAt(), alert.getResolvedAt());
    }

    String json() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("alertId", alertId)
                .add("state", event.name())
                .add("rule", Json.createObjectBuilder().add("id", ruleId).add("name", ruleName).add("type", type.name()))
                .add("subject", subject)
                .add("subjectLabel", subjectLabel)
                .add("message", message)
                .add("openedAt", openedAt.toString());
        if (resolvedAt != null) {
            json.add("resolvedAt", resolvedAt.toString());
        }
        return json.build().toString();
    }

    String title() {
        return "[Backup Scheduler] " + (event == AlertDelivery.Event.FIRING ? "ALERT" : "RESOLVED") + ": " + ruleName + " — "
                + subjectLabel;
    }

    String text() {
        StringBuilder text = new StringBuilder()
                .append(event == AlertDelivery.Event.FIRING ? "Alert rule '" : "Resolved: alert rule '").append(ruleName)
                .append("' (").append(type).append(") on ").append(subjectLabel).append(".\n\n")
                .append(message).append("\n\n")
                .append("Opened: ").append(openedAt).append('\n');
        if (resolvedAt != null) {
            text.append("Resolved: ").append(resolvedAt).append('\n');
        }
        return text.append("Alert id: ").append(alertId).append('\n').toString();
    }
}
