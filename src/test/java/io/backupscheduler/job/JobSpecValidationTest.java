package io.backupscheduler.job;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecValidationTest {
    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    private static JobSpec directoryJob() {
        JobSpec spec = new JobSpec();
        spec.setName("nightly home");
        spec.setKind(JobKind.DIRECTORY);
        spec.setSourcePath("/home");
        spec.setTargetPath("/backups/home");
        return spec;
    }

    /** field path -> messages, the way the service reports them. */
    private static Map<String, List<String>> errors(JobSpec spec) {
        Map<String, List<String>> errors = new TreeMap<>();
        for (ConstraintViolation<JobSpec> v : validator.validate(spec)) {
            errors.computeIfAbsent(BackupJobService.fieldPath(v), k -> new java.util.ArrayList<>()).add(v.getMessage());
        }
        return errors;
    }

    @Test
    void aPlacementNamesLabelsAsKeyEqualsValueEachRefusedByPosition() {
        JobSpec spec = directoryJob();
        spec.setPlacement(List.of("host=db1", "zone", "role=db", "host=db 1"));

        assertThat(errors(spec)).containsOnlyKeys("placement[1]", "placement[3]");
        assertThat(errors(spec).get("placement[1]")).containsExactly(io.backupscheduler.lib.placement.Labels.RULE);

        spec.setPlacement(List.of("host=db1", "kubernetes.io/zone=eu-west_1"));
        assertThat(errors(spec)).isEmpty();
        BackupJob job = new BackupJob();
        spec.setPlacement(List.of(" zone=eu ", "host=db1"));
        job.apply(spec);
        assertThat(job.getPlacement()).as("stored trimmed and sorted").containsExactly("host=db1", "zone=eu");
    }

    @Test
    void aCompleteDirectoryJobIsValidWithDefaults() {
        JobSpec spec = directoryJob();
        assertThat(errors(spec)).isEmpty();
        assertThat(spec.getPriority()).isEqualTo(Priority.NORMAL);
        assertThat(spec.getMaxRetries()).isEqualTo(3);
        assertThat(spec.getEnabled()).isTrue();
    }

    @Test
    void aBlankNameGetsOneMessageNotTwo() {
        JobSpec spec = directoryJob();
        spec.setName("");
        assertThat(errors(spec)).containsExactly(Map.entry("name", List.of("is required")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-starts-with-dash", "has/slash", "semi;colon", "tab\tinside"})
    void namesWithCharactersOutsideTheAllowedSetAreRefused(String name) {
        JobSpec spec = directoryJob();
        spec.setName(name);
        assertThat(errors(spec)).containsOnlyKeys("name");
    }

    @Test
    void aDirectoryJobNeedsAnAbsoluteSourceAndNoCommand() {
        JobSpec spec = directoryJob();
        spec.setSourcePath(null);
        spec.setCommand(List.of("tar"));
        assertThat(errors(spec)).containsOnlyKeys("sourcePath", "command");
    }

    @Test
    void aCommandJobNeedsACommandAndNoSourcePath() {
        JobSpec spec = directoryJob();
        spec.setKind(JobKind.COMMAND);
        Map<String, List<String>> errors = errors(spec);
        assertThat(errors).containsOnlyKeys("sourcePath", "command");
        assertThat(errors.get("command").get(0)).contains("required for a COMMAND job");
    }

    @Test
    void blankCommandArgumentsAreNamedByIndex() {
        JobSpec spec = directoryJob();
        spec.setKind(JobKind.COMMAND);
        spec.setSourcePath(null);
        spec.setCommand(List.of("pg_dump", " ", "-Fc"));
        assertThat(errors(spec)).containsExactly(Map.entry("command[1]", List.of("must not be blank")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/backups/../etc", "/back\u0000ups", "~/backups"})
    void targetsMustBeSafeAbsolutePaths(String target) {
        JobSpec spec = directoryJob();
        spec.setTargetPath(target);
        assertThat(errors(spec)).containsOnlyKeys("targetPath");
    }

    @Test
    void limitsAreCheckedAndNamedWithTheirPath() {
        JobSpec spec = directoryJob();
        spec.setLimits(new ResourceLimits(0, 8, 0, 8, 10L));
        assertThat(errors(spec)).containsOnlyKeys("limits.maxCpuPercent", "limits.maxMemoryMb",
                "limits.maxExecutionSeconds", "limits.ioPriority", "limits.maxIoBytesPerSecond");
        spec.setLimits(new ResourceLimits(100, 16, ResourceLimits.MAX_EXECUTION_SECONDS, 0, ResourceLimits.MAX_IO_BYTES_PER_SECOND));
        assertThat(errors(spec)).isEmpty();
    }

    @Test
    void retriesAreBounded() {
        JobSpec spec = directoryJob();
        spec.setMaxRetries(-1);
        assertThat(errors(spec)).containsOnlyKeys("maxRetries");
        spec.setMaxRetries(101);
        assertThat(errors(spec)).containsOnlyKeys("maxRetries");
        spec.setMaxRetries(null);
        assertThat(errors(spec)).containsOnlyKeys("maxRetries");
    }

    @Test
    void applyingASpecTrimsTextAndKeepsOnlyTheSourceOfTheKind() {
        JobSpec spec = directoryJob();
        spec.setName("  nightly home ");
        spec.setDescription("   ");
        BackupJob job = new BackupJob();
        job.apply(spec);
        assertThat(job.getName()).isEqualTo("nightly home");
        assertThat(job.getDescription()).isNull();
        assertThat(job.getCommand()).isEmpty();

        spec.setKind(JobKind.COMMAND);
        spec.setCommand(List.of("pg_dump", "-f", "/backups/db dump.sql"));
        job.apply(spec);
        assertThat(job.getSourcePath()).isNull();
        assertThat(job.getCommandLine()).isEqualTo("pg_dump -f '/backups/db dump.sql'");
    }

    private static CopyTarget copyTarget(String bucket, String accessKeyId, String secret) {
        CopyTarget target = new CopyTarget();
        target.setBucket(bucket);
        target.setAccessKeyId(accessKeyId);
        target.setSecretKeySecret(secret);
        return target;
    }

    @Test
    void aCopyTargetNeedsItsCredentialsAValidBucketAndEndpointAndADirectoryJob() {
        JobSpec spec = directoryJob();
        spec.setCopyTarget(copyTarget("offsite-backups", "AKID", "s3-key"));
        assertThat(errors(spec)).isEmpty();

        spec.setCopyTarget(copyTarget("offsite-backups", " ", null));
        assertThat(errors(spec)).containsOnlyKeys("copyTarget.accessKeyId", "copyTarget.secretKeySecret");

        CopyTarget half = copyTarget("", null, null);
        half.setEndpoint("https://minio.example.com:9000");
        spec.setCopyTarget(half);
        assertThat(errors(spec)).containsEntry("copyTarget.bucket", List.of("is required when any other copy target field is set"));

        CopyTarget moveNowhere = copyTarget(null, null, null);
        moveNowhere.setMode(BucketMode.MOVE);
        spec.setCopyTarget(moveNowhere);
        assertThat(errors(spec)).containsEntry("copyTarget.bucket", List.of("is required with mode MOVE: the bucket that holds the job's points"));

        CopyTarget bad = copyTarget("Not_A_Bucket", "AKID", "s3-key");
        bad.setEndpoint("ftp://minio.example.com");
        bad.setRegion("EU Central");
        spec.setCopyTarget(bad);
        assertThat(errors(spec)).containsOnlyKeys("copyTarget.bucket", "copyTarget.endpoint", "copyTarget.region");

        spec.setKind(JobKind.COMMAND);
        spec.setSourcePath(null);
        spec.setCommand(List.of("pg_dump"));
        spec.setCopyTarget(copyTarget("offsite-backups", "AKID", "s3-key"));
        assertThat(errors(spec)).containsOnlyKeys("copyTarget.bucket");
    }

    @Test
    void aJobKeepsItsCopyTargetCleanedAndOnlyWhenItIsADirectoryJob() {
        JobSpec spec = directoryJob();
        CopyTarget target = copyTarget(" offsite-backups ", "AKID", "s3-key");
        target.setPrefix("/site-a/");
        target.setEndpoint(" ");
        spec.setCopyTarget(target);
        BackupJob job = new BackupJob();
        job.apply(spec);
        assertThat(job.getCopyTarget().isSet()).isTrue();
        assertThat(job.getCopyTarget().getBucket()).isEqualTo("offsite-backups");
        assertThat(job.getCopyTarget().getPrefix()).isEqualTo("site-a");
        assertThat(job.getCopyTarget().getEndpoint()).isNull();
        assertThat(job.getCopyTarget().getPathStyle()).isFalse();
        assertThat(job.getCopyTarget().describe()).isEqualTo("s3://offsite-backups/site-a");
        assertThat(job.getCopyTarget().getMode()).as("no mode given: copies").isEqualTo(BucketMode.COPY);
        assertThat(job.getCopyTarget().holdsPoints()).isFalse();
        assertThat(JobSpec.of(job).getCopyTarget()).isEqualTo(job.getCopyTarget());

        target.setMode(BucketMode.MOVE);
        job.apply(spec);
        assertThat(job.getCopyTarget().holdsPoints()).isTrue();
        assertThat(JobSpec.of(job).getCopyTarget()).isEqualTo(job.getCopyTarget());

        spec.setKind(JobKind.RESTIC);
        job.apply(spec);
        assertThat(job.getCopyTarget().isSet()).isFalse();
    }

    @Test
    void aSpecOfAJobReproducesIt() {
        JobSpec spec = directoryJob();
        spec.setPriority(Priority.CRITICAL);
        spec.setLimits(new ResourceLimits(50, 512, 3600, 4));
        BackupJob job = new BackupJob();
        job.apply(spec);
        JobSpec copy = JobSpec.of(job);
        assertThat(copy).usingRecursiveComparison().ignoringFields("version").isEqualTo(spec);
        assertThat(copy.getVersion()).isZero();
    }

    @Test
    void severalSourcesAndGlobsAreCheckedOnTheFieldsTheyConcern() {
        JobSpec spec = directoryJob();
        spec.setSourcePath("/srv/www");
        spec.setAdditionalSources(List.of("/etc/nginx", "relative/dir"));
        spec.setIncludes(List.of("*.{conf"));
        spec.setExcludes(List.of("*.tmp", "logs/**"));
        assertThat(errors(spec)).containsOnlyKeys("additionalSources[1]");
        spec.setAdditionalSources(List.of("/other/www"));
        assertThat(errors(spec)).containsEntry("additionalSources", List.of("two sources are named 'www'; with several sources each "
                + "directory name must be distinct, because files are stored under it"));
        spec.setAdditionalSources(List.of("/etc/nginx"));
        assertThat(errors(spec)).containsEntry("includes", List.of("'*.{conf' is not a valid glob: Missing '}"));
        spec.setIncludes(List.of("*.conf"));
        assertThat(errors(spec)).isEmpty();
    }

    @Test
    void commandJobsTakeExitCodesAndDirectoryJobsDoNot() {
        JobSpec command = new JobSpec();
        command.setName("dump");
        command.setKind(JobKind.COMMAND);
        command.setCommand(List.of("pg_dump", "-f", "{target}/db.dump"));
        command.setTargetPath("/backups/db");
        command.setAcceptedExitCodes(List.of(0, 24));
        command.setExcludes(List.of("*.tmp"));
        assertThat(errors(command)).containsExactly(Map.entry("excludes", List.of("must be empty for a COMMAND job")));
        command.setExcludes(List.of());
        command.setAcceptedExitCodes(List.of(0, 256));
        assertThat(errors(command)).containsOnlyKeys("acceptedExitCodes[1]");
        command.setAcceptedExitCodes(List.of());
        assertThat(errors(command)).containsEntry("acceptedExitCodes", List.of("must list between 1 and 32 exit codes"));
        JobSpec directory = directoryJob();
        directory.setAcceptedExitCodes(List.of(0, 1));
        assertThat(errors(directory)).containsEntry("acceptedExitCodes", List.of("applies to COMMAND jobs only"));
    }
}
