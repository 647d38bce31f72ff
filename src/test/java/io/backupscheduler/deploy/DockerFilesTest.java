package io.backupscheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Docker does not run on the build machines, so the images in docker/ are never built here. This keeps them honest:
 * what they copy from the project exists (or is one of the files the build makes), and the compose file names
 * Dockerfiles and CLI scripts that are there.
 */
class DockerFilesTest {
    private static final Path DOCKER = Path.of("docker");
    /** Build outputs the Dockerfiles may copy: the README in docker/ says which command makes each. */
    private static final Set<String> BUILD_OUTPUTS = Set.of("target/backup-scheduler.war",
            "target/server-lib/postgresql.jar", "target/liberty/wlp/usr/servers/defaultServer/lib/");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$");
    private static final Pattern CLI_FILE = Pattern.compile("--file=(\\S+\\.cli)");
    private static final Pattern DOCKERFILE_REF = Pattern.compile("dockerfile:\\s*(\\S+)");

    @Test
    void everyFileAnImageCopiesExistsOrIsMadeByTheBuild() throws IOException {
        List<Path> dockerfiles = dockerfiles();
        assertThat(dockerfiles).extracting(p -> p.getFileName().toString())
                .contains("Dockerfile.liberty", "Dockerfile.wildfly", "Dockerfile.payara");
        for (Path dockerfile : dockerfiles) {
            Matcher copy = COPY.matcher(Files.readString(dockerfile));
            int copies = 0;
            while (copy.find()) {
                copies++;
                String source = copy.group(1);
                if (source.startsWith("target/")) {
                    assertThat(BUILD_OUTPUTS).as(dockerfile + " copies " + source).contains(source);
                } else {
                    assertThat(Path.of(source)).as(dockerfile + " copies " + source).exists();
                }
            }
            assertThat(copies).as(dockerfile + " copies the WAR at least").isPositive();
        }
    }

    @Test
    void wildflyImageRunsTheScriptsTheBuildRuns() throws IOException {
        Matcher script = CLI_FILE.matcher(Files.readString(DOCKER.resolve("Dockerfile.wildfly")));
        List<String> scripts = new ArrayList<>();
        while (script.find()) {
            scripts.add(script.group(1));
        }
        assertThat(scripts).containsExactly("datasource-postgresql.cli", "configure.cli");
        assertThat(scripts).allSatisfy(name -> assertThat(Path.of("server-config/wildfly", name)).exists());
        assertThat(Files.readString(Path.of("pom.xml"))).contains("server-config/wildfly/datasource-postgresql.cli",
                "server-config/wildfly/configure.cli");
    }

    @Test
    void composeBuildsEachServerFromItsDockerfile() throws IOException {
        Matcher reference = DOCKERFILE_REF.matcher(Files.readString(DOCKER.resolve("compose.yaml")));
        List<String> referenced = new ArrayList<>();
        while (reference.find()) {
            referenced.add(reference.group(1));
        }
        assertThat(referenced).containsExactlyInAnyOrder("docker/Dockerfile.liberty", "docker/Dockerfile.wildfly",
                "docker/Dockerfile.payara");
        assertThat(referenced).allSatisfy(path -> assertThat(Path.of(path)).exists());
    }

    private static List<Path> dockerfiles() throws IOException {
        try (Stream<Path> files = Files.list(DOCKER)) {
            return files.filter(p -> p.getFileName().toString().startsWith("Dockerfile.")).sorted().toList();
        }
    }
}
