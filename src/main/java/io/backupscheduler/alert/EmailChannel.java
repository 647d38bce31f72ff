package io.backupscheduler.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Mails a notification through the SMTP server of {@code backup.alerts.mail.*} (Jakarta Mail, from the server). */
@ApplicationScoped
public class EmailChannel {
    @Inject
    @ConfigProperty(name = "backup.alerts.mail.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "backup.alerts.mail.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "backup.alerts.mail.from", defaultValue = "backup-scheduler@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "backup.alerts.mail.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "backup.alerts.mail.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "backup.alerts.mail.starttls", defaultValue = "false")
    boolean startTls;

    @Inject
    @ConfigProperty(name = "backup.alerts.mail.timeout-seconds", defaultValue = "10")
    int timeoutSeconds;

    /** Whether a mail server is configured at all: rules with recipients are refused without one. */
    public boolean configured() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    void send(List<String> to, Notification notification) throws MessagingException {
        if (!configured()) {
            throw new MessagingException("no mail server is configured (backup.alerts.mail.host)");
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host.get());
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", Integer.toString(timeoutSeconds * 1000));
        properties.put("mail.smtp.timeout", Integer.toString(timeoutSeconds * 1000));
        properties.put("mail.smtp.writetimeout", Integer.toString(timeoutSeconds * 1000));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        Authenticator authenticator = null;
        if (username.filter(u -> !u.isBlank()).isPresent()) {
            properties.put("mail.smtp.auth", "true");
            String user = username.get();
            String secret = password.orElse("");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, secret);
                }
            };
        }
        Session session = Session.getInstance(properties, authenticator);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to), true));
        message.setSubject(notification.title(), "UTF-8");
        message.setText(notification.text(), "UTF-8");
        message.setHeader("X-Backup-Alert", notification.alertId() + "-" + notification.event());
        Transport.send(message);
    }
}
