package io.backupscheduler.job;

import io.backupscheduler.persistence.StringListJsonConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a RESTIC job needs beyond its sources: the repository (a local path, or an {@code sftp:}, {@code s3:} or
 * {@code rest:} location as restic takes it), the name of the secret holding its password, whether the first run
 * may initialise it, extra options from a fixed list ({@link ResticOptions}), and how much of the repository's data
 * {@code restic check} reads after each backup.
 */
@Embeddable
public class ResticSettings implements java.io.Serializable {
    @Size(max = 4096, message = "must be at most {max} characters")
    @Column(name = "restic_repository", length = 4096)
    private String repository;

    @Size(max = 100, message = "must be at most {max} characters")
    @Column(name = "restic_password_secret", length = 100)
    private String passwordSecret;

    @Column(name = "restic_initialize")
    private Boolean initialize;

    @Size(max = 32, message = "may have at most {max} items")
    @Convert(converter = StringListJsonConverter.class)
    @Column(name = "restic_options", length = 4000)
    private List<@Size(max = 200, message = "must be at most {max} characters") String> options = new ArrayList<>();

    @Pattern(regexp = "([1-9][0-9]{0,4}/[1-9][0-9]{0,4}|(100|[1-9]?[0-9])(\\.[0-9]{1,2})?%)?",
            message = "must be a part such as 1/20 or a percentage such as 5%")
    @Column(name = "restic_check_subset", length = 20)
    private String checkSubset;

    public ResticSettings() {
    }

    public ResticSettings copy() {
        ResticSettings copy = new ResticSettings();
        copy.repository = repository;
        copy.passwordSecret = passwordSecret;
        copy.initialize = initialize;
        copy.options = new ArrayList<>(options == null ? List.of() : options);
        copy.checkSubset = checkSubset;
        return copy;
    }

    /** The settings as stored: text trimmed, blank text null. */
    ResticSettings cleaned() {
        ResticSettings copy = copy();
        copy.repository = blankToNull(repository);
        copy.passwordSecret = blankToNull(passwordSecret);
        copy.checkSubset = blankToNull(checkSubset);
        copy.options = copy.options.stream().filter(o -> o != null && !o.isBlank()).map(String::strip).toList();
        return copy;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Whether the repository is a directory on this host (not a remote location). */
    public boolean localRepository() {
        return repository != null && repository.startsWith("/");
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(String passwordSecret) {
        this.passwordSecret = passwordSecret;
    }

    /** Whether the first run creates the repository when there is none (false: a missing repository fails the run). */
    public Boolean getInitialize() {
        return initialize;
    }

    public void setInitialize(Boolean initialize) {
        this.initialize = initialize;
    }

    public List<String> getOptions() {
        return options == null ? List.of() : options;
    }

    public void setOptions(List<String> options) {
        this.options = options == null ? new ArrayList<>() : new ArrayList<>(options);
    }

    /** What {@code restic check --read-data-subset} reads after each backup (1/20, 5%); null: the structure only. */
    public String getCheckSubset() {
        return checkSubset;
    }

    public void setCheckSubset(String checkSubset) {
        this.checkSubset = checkSubset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResticSettings other && Objects.equals(repository, other.repository)
                && Objects.equals(passwordSecret, other.passwordSecret) && Objects.equals(initialize, other.initialize)
                && Objects.equals(getOptions(), other.getOptions()) && Objects.equals(checkSubset, other.checkSubset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, passwordSecret, initialize, getOptions(), checkSubset);
    }
}
