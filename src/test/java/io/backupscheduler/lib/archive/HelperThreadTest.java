package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HelperThreadTest {
    private static final String FAILED = new String("failed"); // told apart by identity

    @Test
    void aHelperThatFailsFailsEveryLaterCallOfTheWriterNamingWhatWasWritten() throws Exception {
        BlockingQueue<String> free = new ArrayBlockingQueue<>(1);
        BlockingQueue<String> work = new ArrayBlockingQueue<>(1);
        HelperThread helper = new HelperThread("test-helper", "the test file", () -> {
            throw new IOException("disk gone");
        }, free, FAILED);

        // the writer waits for a buffer the helper will never give back, and wakes with the helper's failure
        assertThatThrownBy(() -> helper.take(free, FAILED)).isInstanceOf(IOException.class)
                .hasMessage("the test file could not be written: disk gone");
        assertThatThrownBy(() -> helper.take(free, FAILED)).hasMessageContaining("disk gone");
        work.put("fills the queue");
        assertThatThrownBy(() -> helper.put(work, "more")).hasMessageContaining("disk gone");
        assertThatThrownBy(() -> helper.await(new CountDownLatch(1))).hasMessageContaining("disk gone");
        helper.stop(work, "stop");
    }

    @Test
    void aWriterInterruptedWhileItWaitsGetsAnInterruptedIoExceptionAndKeepsItsInterrupt() throws Exception {
        BlockingQueue<String> free = new ArrayBlockingQueue<>(1);
        BlockingQueue<String> work = new ArrayBlockingQueue<>(1);
        HelperThread helper = new HelperThread("test-helper", "the test file", () -> {
            try {
                while (!"stop".equals(work.take())) {
                    // nothing to do with the work in this test
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, free, FAILED);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                helper.take(free, FAILED); // nothing is ever free here
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        writer.start();
        writer.interrupt();
        writer.join(10_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class)
                .hasMessage("interrupted while the test file was written");
        assertThat(stillInterrupted.get()).isTrue();
        helper.put(work, "the helper still takes work"); // the writer's interrupt did not fail the helper
        helper.stop(work, "stop");
    }
}
