package io.backupscheduler.lib.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link CronExpression#nextAfter} with a deliberately simple model of cronie over random expressions,
 * zones and start instants, most of them near a DST transition. The model walks real time minute by minute,
 * asks for each minute what the wall clock says, and applies cronie's rules: wildcard entries fire whenever the
 * wall time matches; fixed-time entries fire in the first pass of a repeated hour only, and once at the jump
 * for wall times a spring-forward skipped. Expressions are generated together with their own value sets, so the
 * model does not share the parser either.
 */
class CronModelPropertyTest {
    private static final List<String> ZONES = List.of("America/New_York", "Europe/London", "Europe/Berlin",
            "Australia/Lord_Howe", "America/Santiago", "Australia/Sydney", "Asia/Kathmandu", "Pacific/Chatham",
            "America/St_Johns", "Africa/Casablanca", "UTC", "Asia/Tehran");
    private static final int HORIZON_MINUTES = 6 * 24 * 60;
    private static final int CASES = 400;

    /** A generated expression and the value sets it stands for. */
    private record Generated(String text, BitSet minutes, BitSet hours, BitSet doms, boolean lastDom, BitSet months,
                             BitSet dows, BitSet lastDows, BitSet nth, boolean domStar, boolean dowStar, boolean fixed) {
        boolean matches(LocalDateTime t) {
            if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
                return false;
            }
            int length = t.toLocalDate().lengthOfMonth();
            int day = t.getDayOfMonth();
            int dow = t.getDayOfWeek().getValue() % 7;
            boolean dom = doms.get(day) || (lastDom && day == length);
            boolean dowMatch = dows.get(dow) || (lastDows.get(dow) && day + 7 > length) || nth.get(dow * 5 + (day - 1) / 7);
            return domStar || dowStar ? dom && dowMatch : dom || dowMatch;
        }
    }

    @Test
    void nextAfterAgreesWithTheMinuteByMinuteModel() {
        long seed = Long.getLong("cron.seed", 20261127L);
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
            ZonedDateTime from = startNearTransition(random, zone);
            ZoneOffsetTransition near = zone.getRules().nextTransition(from.toInstant().minus(2, ChronoUnit.DAYS));
            int hintHour = near == null ? 2 : near.getDateTimeBefore().getHour();
            Generated expression = generate(random, hintHour);
            List<Instant> expected = model(expression, zone, from, 3);
            CronExpression cron = CronExpression.parse(expression.text());
            ZonedDateTime t = from;
            for (Instant fire : expected) {
                ZonedDateTime next = cron.nextAfter(t).orElse(null);
                assertThat(next).as("case %d (seed %d): '%s' in %s after %s", i, seed, expression.text(), zone, t).isNotNull();
                assertThat(next.toInstant()).as("case %d (seed %d): '%s' in %s after %s", i, seed, expression.text(), zone, t)
                        .isEqualTo(fire);
                t = next;
            }
            int caseNumber = i;
            if (expected.size() < 3) {
                Instant horizonEnd = from.toInstant().truncatedTo(ChronoUnit.MINUTES).plus(HORIZON_MINUTES, ChronoUnit.MINUTES);
                cron.nextAfter(t).ifPresent(next -> assertThat(next.toInstant())
                        .as("case %d (seed %d): '%s' in %s after %s fires within the horizon the model saw",
                                caseNumber, seed, expression.text(), zone, from)
                        .isAfter(horizonEnd));
            }
        }
    }

    /** Real time, minute by minute: what cronie would run. */
    private static List<Instant> model(Generated expression, ZoneId zone, ZonedDateTime from, int wanted) {
        ZoneRules rules = zone.getRules();
        List<Instant> fires = new ArrayList<>();
        Instant minute = from.toInstant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        for (int i = 0; i < HORIZON_MINUTES && fires.size() < wanted; i++, minute = minute.plus(1, ChronoUnit.MINUTES)) {
            LocalDateTime wall = LocalDateTime.ofInstant(minute, zone);
            ZoneOffset offset = rules.getOffset(minute);
            boolean fires1;
            if (!expression.fixed()) {
                fires1 = expression.matches(wall);
            } else {
                boolean firstPass = rules.getValidOffsets(wall).get(0).equals(offset);
                fires1 = (firstPass && expression.matches(wall)) || skippedFixedTimeDue(expression, rules, minute);
            }
            if (fires1) {
                fires.add(minute);
            }
        }
        return fires;
    }

    /** At the instant of a spring-forward jump: did any wall time the jump skipped match? */
    private static boolean skippedFixedTimeDue(Generated expression, ZoneRules rules, Instant minute) {
        ZoneOffsetTransition transition = rules.previousTransition(minute.plusSeconds(1));
        if (transition == null || !transition.getInstant().equals(minute) || !transition.isGap()) {
            return false;
        }
        for (LocalDateTime t = transition.getDateTimeBefore(); t.isBefore(transition.getDateTimeAfter()); t = t.plusMinutes(1)) {
            if (expression.matches(t)) {
                return true;
            }
        }
        return false;
    }

    private static ZonedDateTime startNearTransition(Random random, ZoneId zone) {
        Instant base = LocalDate.of(2024 + random.nextInt(8), 1 + random.nextInt(12), 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ZoneOffsetTransition transition = zone.getRules().nextTransition(base);
        Instant around = transition != null && random.nextInt(10) < 8 ? transition.getInstant() : base;
        long shiftSeconds = (long) (random.nextGaussian() * 36 * 3600);
        return ZonedDateTime.ofInstant(around.plusSeconds(shiftSeconds).plusSeconds(random.nextInt(60)), zone);
    }

    // --- generator: each field's text and the value set it means -------------------------------------------

    /** Half the expressions are fixed times in the hour a nearby transition skips or repeats. */
    private static Generated generate(Random random, int hintHour) {
        StringBuilder text = new StringBuilder();
        BitSet minutes = new BitSet();
        BitSet hours = new BitSet();
        String minute;
        String hour;
        if (random.nextBoolean()) {
            int m = random.nextInt(4) == 0 ? random.nextInt(60) : random.nextInt(30);
            minutes.set(m);
            minute = Integer.toString(m);
            int h = Math.floorMod(hintHour + random.nextInt(3) - 1, 24);
            hours.set(h);
            hour = Integer.toString(h);
        } else {
            minute = numericField(random, 0, 59, minutes, 3);
            hour = numericField(random, 0, 23, hours, 2);
        }
        BitSet doms = new BitSet();
        boolean[] lastDom = {false};
        String dom = domField(random, doms, lastDom);
        BitSet months = new BitSet();
        String month = random.nextInt(4) == 0 ? numericField(random, 1, 12, months, 1) : star(1, 12, months);
        BitSet dows = new BitSet();
        BitSet lastDows = new BitSet();
        BitSet nth = new BitSet();
        String dow = dowField(random, dows, lastDows, nth);
        text.append(minute).append(' ').append(hour).append(' ').append(dom).append(' ').append(month).append(' ').append(dow);
        boolean fixed = !minute.startsWith("*") && !hour.startsWith("*");
        return new Generated(text.toString(), minutes, hours, doms, lastDom[0], months, dows, lastDows, nth,
                dom.startsWith("*"), dow.startsWith("*"), fixed);
    }

    private static String star(int min, int max, BitSet bits) {
        bits.set(min, max + 1);
        return "*";
    }

    /** Forms that hit DST edges often: a star, a step, single values, ranges, lists. */
    private static String numericField(Random random, int min, int max, BitSet bits, int weightOfStar) {
        int form = random.nextInt(5 + weightOfStar);
        switch (form) {
            case 0 -> {
                int step = 1 + random.nextInt(Math.min(30, max));
                for (int v = min; v <= max; v += step) {
                    bits.set(v);
                }
                return "*/" + step;
            }
            case 1 -> {
                int v = min + random.nextInt(max - min + 1);
                bits.set(v);
                return Integer.toString(v);
            }
            case 2 -> {
                int a = min + random.nextInt(max - min + 1);
                int b = a + random.nextInt(max - a + 1);
                int step = 1 + random.nextInt(5);
                for (int v = a; v <= b; v += step) {
                    bits.set(v);
                }
                return a + "-" + b + (step > 1 ? "/" + step : "");
            }
            case 3 -> {
                List<String> items = new ArrayList<>();
                for (int k = 0; k < 2 + random.nextInt(3); k++) {
                    int v = min + random.nextInt(max - min + 1);
                    bits.set(v);
                    items.add(Integer.toString(v));
                }
                return String.join(",", items);
            }
            case 4 -> {
                // the hours and minutes around typical transitions (00-03)
                int v = min + random.nextInt(Math.min(4, max - min + 1));
                bits.set(v);
                return Integer.toString(v);
            }
            default -> {
                return star(min, max, bits);
            }
        }
    }

    private static String domField(Random random, BitSet doms, boolean[] lastDom) {
        int form = random.nextInt(6);
        return switch (form) {
            case 0 -> {
                lastDom[0] = true;
                yield "L";
            }
            case 1 -> {
                int v = 1 + random.nextInt(31);
                doms.set(v);
                yield Integer.toString(v);
            }
            case 2 -> {
                int step = 2 + random.nextInt(5);
                for (int v = 1; v <= 31; v += step) {
                    doms.set(v);
                }
                yield "*/" + step;
            }
            default -> star(1, 31, doms);
        };
    }

    private static String dowField(Random random, BitSet dows, BitSet lastDows, BitSet nth) {
        String[] names = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
        int form = random.nextInt(7);
        switch (form) {
            case 0 -> {
                int a = random.nextInt(7);
                int b = a + random.nextInt(8 - a);
                for (int v = a; v <= b; v++) {
                    dows.set(v % 7);
                }
                return (random.nextBoolean() ? a + "-" + b : names[a] + "-" + (b == 7 ? "7" : names[b]));
            }
            case 1 -> {
                int d = random.nextInt(7);
                lastDows.set(d);
                return d + "L";
            }
            case 2 -> {
                int d = random.nextInt(7);
                int n = 1 + random.nextInt(5);
                nth.set(d * 5 + n - 1);
                return names[d] + "#" + n;
            }
            case 3 -> {
                int d = random.nextInt(8);
                dows.set(d % 7);
                return Integer.toString(d);
            }
            default -> {
                dows.set(0, 7);
                return "*";
            }
        }
    }
}
