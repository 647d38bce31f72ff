package io.backupscheduler.benchmarks;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import io.backupscheduler.lib.cron.CronExpression;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Next fire after a start instant, for a fixed set of realistic and awkward expressions, in our engine and in the
 * peers (cron-utils with its UNIX definition, Quartz, Spring), each given the same expressions in its own syntax.
 * One operation is one next-fire computation; each invocation runs every expression once from the next start.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
// A fixed heap touched before the first iteration: on this VM a heap that grows page by page made whole
// seconds run ten times slower (kernel time on first-touch page faults), which showed as error bars of 1,000%.
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class CronNextFireBenchmark {
    /** unix, quartz, spring: the same schedules in each syntax. */
    static final String[][] EXPRESSIONS = {
            {"30 2 * * *", "0 30 2 * * ?", "0 30 2 * * *"},                          // nightly
            {"*/15 * * * *", "0 */15 * * * ?", "0 */15 * * * *"},                    // every 15 minutes
            {"0 9-17 * * 1-5", "0 0 9-17 ? * MON-FRI", "0 0 9-17 * * MON-FRI"},      // office hours
            {"0 0 1 * *", "0 0 0 1 * ?", "0 0 0 1 * *"},                              // monthly
            {"0 0 29 2 *", "0 0 0 29 2 ?", "0 0 0 29 2 *"},                           // leap day: years away
            {"5,35 */3 1-10 * *", "0 5,35 */3 1-10 * ?", "0 5,35 */3 1-10 * *"},      // lists, steps, ranges
            {"0 12 * * 0", "0 0 12 ? * SUN", "0 0 12 * * SUN"},                       // weekly
            {"59 23 31 12 *", "0 59 23 31 12 ?", "0 59 23 31 12 *"},                  // once a year, at the end
    };
    static final int COUNT = 8; // EXPRESSIONS.length, as a constant for @OperationsPerInvocation
    private static final int STARTS = 256;

    @Param({"UTC", "America/New_York"})
    public String zone;

    private CronExpression[] ours;
    private ExecutionTime[] cronUtils;
    private org.quartz.CronExpression[] quartz;
    private org.springframework.scheduling.support.CronExpression[] spring;
    private ZonedDateTime[] starts;
    private Date[] startDates;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws ParseException {
        ZoneId zoneId = ZoneId.of(zone);
        com.cronutils.parser.CronParser unix = new com.cronutils.parser.CronParser(
                CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
        ours = new CronExpression[COUNT];
        cronUtils = new ExecutionTime[COUNT];
        quartz = new org.quartz.CronExpression[COUNT];
        spring = new org.springframework.scheduling.support.CronExpression[COUNT];
        for (int i = 0; i < COUNT; i++) {
            ours[i] = CronExpression.parse(EXPRESSIONS[i][0]);
            cronUtils[i] = ExecutionTime.forCron(unix.parse(EXPRESSIONS[i][0]));
            quartz[i] = new org.quartz.CronExpression(EXPRESSIONS[i][1]);
            quartz[i].setTimeZone(TimeZone.getTimeZone(zoneId));
            spring[i] = org.springframework.scheduling.support.CronExpression.parse(EXPRESSIONS[i][2]);
        }
        starts = new ZonedDateTime[STARTS];
        startDates = new Date[STARTS];
        for (int i = 0; i < STARTS; i++) {
            Instant start = start(i, STARTS);
            starts[i] = start.atZone(zoneId);
            startDates[i] = Date.from(start);
        }
        checkAllAgree();
    }

    /** Start {@code i} of {@code count} spread over 2026, at an odd second so that no start is itself a fire. */
    static Instant start(int i, int count) {
        long first = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long span = 365L * 24 * 3600;
        return Instant.ofEpochSecond(first + span * i / count + 17 * i % 3600 + 7);
    }

    /** The peers must compute the same fires as we do, or the comparison means nothing. */
    private void checkAllAgree() {
        for (int s = 0; s < STARTS; s += 7) {
            for (int i = 0; i < COUNT; i++) {
                Instant expected = ours[i].nextAfter(starts[s]).orElseThrow().toInstant();
                Instant utils = cronUtils[i].nextExecution(starts[s]).orElseThrow().toInstant();
                Instant q = quartz[i].getNextValidTimeAfter(startDates[s]).toInstant();
                Instant sp = spring[i].next(starts[s]).toInstant();
                if (!expected.equals(utils) || !expected.equals(q) || !expected.equals(sp)) {
                    throw new IllegalStateException("disagreement on " + EXPRESSIONS[i][0] + " after " + starts[s]
                            + ": ours " + expected + ", cron-utils " + utils + ", quartz " + q + ", spring " + sp);
                }
            }
        }
    }

    private int nextStart() {
        int s = next;
        next = (s + 1) & (STARTS - 1);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public void backupScheduler(Blackhole bh) {
        ZonedDateTime start = starts[nextStart()];
        for (CronExpression cron : ours) {
            bh.consume(cron.nextAfter(start));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public void cronUtils(Blackhole bh) {
        ZonedDateTime start = starts[nextStart()];
        for (ExecutionTime cron : cronUtils) {
            Optional<ZonedDateTime> fire = cron.nextExecution(start);
            bh.consume(fire);
        }
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public void quartz(Blackhole bh) {
        Date start = startDates[nextStart()];
        for (org.quartz.CronExpression cron : quartz) {
            bh.consume(cron.getNextValidTimeAfter(start));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public void spring(Blackhole bh) {
        ZonedDateTime start = starts[nextStart()];
        for (org.springframework.scheduling.support.CronExpression cron : spring) {
            bh.consume(cron.next(start));
        }
    }
}
