package io.backupscheduler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Objects;

/**
 * How many backup points a DIRECTORY job keeps: the last N, one per day / week / month for so many of them, and a
 * maximum age. Each is optional; with none set every point is kept. See {@code backup.RetentionRules}.
 */
@Embeddable
public class Retention implements java.io.Serializable {
    @Min(value = 1, message = "must be between 1 and 10000")
    @Max(value = 10_000, message = "must be between 1 and 10000")
    @Column(name = "keep_last")
    private Integer keepLast;

    @Min(value = 1, message = "must be between 1 and 10000")
    @Max(value = 10_000, message = "must be between 1 and 10000")
    @Column(name = "keep_daily")
    private Integer keepDaily;

    @Min(value = 1, message = "must be between 1 and 10000")
    @Max(value = 10_000, message = "must be between 1 and 10000")
    @Column(name = "keep_weekly")
    private Integer keepWeekly;

    @Min(value = 1, message = "must be between 1 and 10000")
    @Max(value = 10_000, message = "must be between 1 and 10000")
    @Column(name = "keep_monthly")
    private Integer keepMonthly;

    @Min(value = 1, message = "must be between 1 and 36500 days")
    @Max(value = 36_500, message = "must be between 1 and 36500 days")
    @Column(name = "max_age_days")
    private Integer maxAgeDays;

    public Retention() {
    }

    public Retention(Integer keepLast, Integer keepDaily, Integer keepWeekly, Integer keepMonthly, Integer maxAgeDays) {
        this.keepLast = keepLast;
        this.keepDaily = keepDaily;
        this.keepWeekly = keepWeekly;
        this.keepMonthly = keepMonthly;
        this.maxAgeDays = maxAgeDays;
    }

    public Retention copy() {
        return new Retention(keepLast, keepDaily, keepWeekly, keepMonthly, maxAgeDays);
    }

    /** Whether any rule is set: without one, every point is kept and nothing is pruned. */
    public boolean prunes() {
        return keepLast != null || keepDaily != null || keepWeekly != null || keepMonthly != null || maxAgeDays != null;
    }

    public Integer getKeepLast() {
        return keepLast;
    }

    public void setKeepLast(Integer keepLast) {
        this.keepLast = keepLast;
    }

    public Integer getKeepDaily() {
        return keepDaily;
    }

    public void setKeepDaily(Integer keepDaily) {
        this.keepDaily = keepDaily;
    }

    public Integer getKeepWeekly() {
        return keepWeekly;
    }

    public void setKeepWeekly(Integer keepWeekly) {
        this.keepWeekly = keepWeekly;
    }

    public Integer getKeepMonthly() {
        return keepMonthly;
    }

    public void setKeepMonthly(Integer keepMonthly) {
        this.keepMonthly = keepMonthly;
    }

    public Integer getMaxAgeDays() {
        return maxAgeDays;
    }

    public void setMaxAgeDays(Integer maxAgeDays) {
        this.maxAgeDays = maxAgeDays;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Retention other && Objects.equals(keepLast, other.keepLast) && Objects.equals(keepDaily, other.keepDaily)
                && Objects.equals(keepWeekly, other.keepWeekly) && Objects.equals(keepMonthly, other.keepMonthly)
                && Objects.equals(maxAgeDays, other.maxAgeDays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keepLast, keepDaily, keepWeekly, keepMonthly, maxAgeDays);
    }
}
