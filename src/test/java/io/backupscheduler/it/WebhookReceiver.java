package io.backupscheduler.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP endpoint in the test JVM that records what is posted to it; it can answer 503 to the first calls. */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received, and the status it was answered with. */
    record Call(String body, String alertHeader, int answered) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;

    WebhookReceiver(int failFirst) throws IOException {
        failuresLeft = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            calls.add(new Call(body, exchange.getRequestHeaders().getFirst("X-Backup-Alert"), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls answered 2xx, in order. */
    List<Call> delivered() {
        return calls.stream().filter(c -> c.answered() / 100 == 2).toList();
    }

    /** Waits until at least {@code count} calls were delivered; fails with what arrived. */
    List<Call> awaitDelivered(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (delivered().size() < count && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        if (delivered().size() < count) {
            throw new AssertionError("expected " + count + " delivered webhook calls within " + timeout + ", got " + calls());
        }
        return delivered();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
