package io.backupscheduler.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backup points a retention policy keeps. A point is kept when any rule selects it: the newest
 * {@code keepLast}; the newest point of each of the newest {@code keepDaily} days, {@code keepWeekly} ISO weeks and
 * {@code keepMonthly} months that have points (grandfather-father-son); with no such rule, every point. Points
 * older than {@code maxAgeDays} go whatever selected them. Then every kept point keeps the points it builds on, so
 * a full a kept incremental needs is never removed. Only usable points are selected; failed ones go. Plain Java.
 */
public final class RetentionRules {
    /** A point as the rules see it. */
    public record Candidate(long id, Instant at, boolean usable, Long basePointId) {
    }

    /** Zero or null switches a rule off. */
    public record Policy(Integer keepLast, Integer keepDaily, Integer keepWeekly, Integer keepMonthly, Integer maxAgeDays) {
        boolean selects() {
            return positive(keepLast) || positive(keepDaily) || positive(keepWeekly) || positive(keepMonthly);
        }
    }

    private RetentionRules() {
    }

    /** The ids to keep, given every point of a job, in any order. */
    public static Set<Long> keep(List<Candidate> points, Policy policy, Instant now, ZoneId zone) {
        List<Candidate> newestFirst = new ArrayList<>(points);
        newestFirst.sort((a, b) -> b.at().compareTo(a.at()) != 0 ? b.at().compareTo(a.at()) : Long.compare(b.id(), a.id()));
        List<Candidate> usable = newestFirst.stream().filter(Candidate::usable)
                .filter(p -> !positive(policy.maxAgeDays()) || !p.at().isBefore(now.minusSeconds(86_400L * policy.maxAgeDays())))
                .toList();
        Set<Long> keep = new HashSet<>();
        if (!policy.selects()) {
            usable.forEach(p -> keep.add(p.id()));
        } else {
            usable.stream().limit(positive(policy.keepLast()) ? policy.keepLast() : 0).forEach(p -> keep.add(p.id()));
            newestPerPeriod(usable, policy.keepDaily(), p -> p.at().atZone(zone).toLocalDate(), keep);
            newestPerPeriod(usable, policy.keepWeekly(), p -> {
                LocalDate day = p.at().atZone(zone).toLocalDate();
                return day.get(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            }, keep);
            newestPerPeriod(usable, policy.keepMonthly(), p -> p.at().atZone(zone).getYear() * 100 + p.at().atZone(zone).getMonthValue(), keep);
        }
        Map<Long, Candidate> byId = new HashMap<>();
        points.forEach(p -> byId.put(p.id(), p));
        for (Long id : List.copyOf(keep)) {
            Candidate point = byId.get(id);
            while (point != null && point.basePointId() != null) {
                keep.add(point.basePointId());
                point = byId.get(point.basePointId());
            }
        }
        return keep;
    }

    /** Keeps the newest point of each of the newest {@code count} periods that have one. */
    private static void newestPerPeriod(List<Candidate> newestFirst, Integer count, Function<Candidate, Object> period, Set<Long> keep) {
        if (!positive(count)) {
            return;
        }
        Set<Object> seen = new HashSet<>();
        for (Candidate point : newestFirst) {
            if (seen.size() >= count) {
                return;
            }
            if (seen.add(period.apply(point))) {
                keep.add(point.id());
            }
        }
    }

    private static boolean positive(Integer value) {
        return value != null && value > 0;
    }
}
