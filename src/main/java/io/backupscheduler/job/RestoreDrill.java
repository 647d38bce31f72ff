package io.backupscheduler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Objects;

/**
 * A job's restore drill: every so many days its latest backup point (all of it, or a random sample of its files) is
 * restored to scratch space and every hash compared, proving the job restorable. Unset: no drills.
 */
@Embeddable
public class RestoreDrill implements java.io.Serializable {
    @Min(value = 1, message = "must be between 1 and 365 days")
    @Max(value = 365, message = "must be between 1 and 365 days")
    @Column(name = "drill_every_days")
    private Integer everyDays;

    @Min(value = 1, message = "must be between 1 and 10000000 files")
    @Max(value = 10_000_000, message = "must be between 1 and 10000000 files")
    @Column(name = "drill_sample_files")
    private Integer sampleFiles;

    public RestoreDrill() {
    }

    public RestoreDrill(Integer everyDays, Integer sampleFiles) {
        this.everyDays = everyDays;
        this.sampleFiles = sampleFiles;
    }

    public RestoreDrill copy() {
        return new RestoreDrill(everyDays, sampleFiles);
    }

    /** Whether drills run on a cadence. */
    public boolean scheduled() {
        return everyDays != null;
    }

    /** Days between drills; null: none run on their own (one can still be asked for). */
    public Integer getEveryDays() {
        return everyDays;
    }

    public void setEveryDays(Integer everyDays) {
        this.everyDays = everyDays;
    }

    /** How many files a drill restores, picked at random; null: every file of the point. */
    public Integer getSampleFiles() {
        return sampleFiles;
    }

    public void setSampleFiles(Integer sampleFiles) {
        this.sampleFiles = sampleFiles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestoreDrill other && Objects.equals(everyDays, other.everyDays) && Objects.equals(sampleFiles, other.sampleFiles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(everyDays, sampleFiles);
    }
}
