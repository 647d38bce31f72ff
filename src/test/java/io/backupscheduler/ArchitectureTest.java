package io.backupscheduler;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds the code to the architecture its documents state: each package uses only the packages its
 * {@code package-info.java} names after "May use:", docs/architecture.md's layer table says the same, the ground
 * floor ({@code lib}) knows nothing of the server or of the capabilities above it, and packages form no cycles.
 */
class ArchitectureTest {
    private static final String ROOT = "io.backupscheduler";
    private static final Path SOURCES = Path.of("src/main/java/io/backupscheduler");
    private static final Pattern MAY_USE = Pattern.compile("May use:(.*?)(?:\\*/|$)", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\{@code ([a-z][a-z.]*)}");

    private static JavaClasses classes;
    private static Map<String, Set<String>> declared;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
        declared = declaredUses();
    }

    @Test
    void everyPackageWithCodeSaysWhatItMayUse() {
        Set<String> withCode = classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(ROOT + "."))
                .map(ArchitectureTest::relative).collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared.keySet()).as("packages whose package-info.java has a 'May use:' sentence").containsAll(withCode);
        declared.forEach((pkg, uses) -> assertThat(declared.keySet())
                .as("packages named by %s/package-info.java", pkg.replace('.', '/')).containsAll(uses));
    }

    @TestFactory
    Stream<DynamicTest> eachPackageUsesOnlyWhatItsPackageInfoAllows() {
        return declared.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String pkg = ROOT + "." + e.getKey();
            String[] allowed = Stream.concat(Stream.of(pkg), e.getValue().stream().map(p -> ROOT + "." + p)).toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(pkg)
                    .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(allowed))))
                    .because(e.getKey().replace('.', '/') + "/package-info.java says it may use " + e.getValue())
                    .allowEmptyShould(true);
            check(rule);
        }));
    }

    @Test
    void architectureDocumentStatesTheSameUsesAsThePackages() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z.]+)` \\|[^|]*\\|[^|]*\\|([^|]*)\\|\\s*$");
        Pattern name = Pattern.compile("`([a-z][a-z.]*)`");
        for (String line : Files.readAllLines(Path.of("docs/architecture.md"))) {
            Matcher m = row.matcher(line);
            if (m.matches() && declared.containsKey(m.group(1))) {
                Set<String> uses = new TreeSet<>();
                Matcher n = name.matcher(m.group(2));
                while (n.find()) {
                    if (declared.containsKey(n.group(1))) {
                        uses.add(n.group(1));
                    }
                }
                documented.put(m.group(1), uses);
            }
        }
        assertThat(documented).as("docs/architecture.md's layer table: package -> the packages it may use")
                .isEqualTo(new TreeMap<>(declared));
    }

    @Test
    void theGroundFloorKnowsNothingOfTheServerOrTheCapabilities() {
        check(noClasses().that().resideInAPackage(ROOT + ".lib..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "org.eclipse.microprofile..")
                .orShould().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT + ".lib..")))));
    }

    @Test
    void thePureCoreAndTheSharedKernelUseTheJdkOnly() {
        check(classes().that().resideInAnyPackage(ROOT + ".lib.cron", ROOT + ".lib.calendar", ROOT + ".lib.graph", ROOT + ".lib.placement",
                        ROOT + ".errors", ROOT + ".paging")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".lib..", ROOT + ".errors", ROOT + ".paging"));
    }

    @Test
    void packagesFormNoCycles() {
        check(slices().matching(ROOT + ".(**)").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
    }

    /** Package (relative to the root) to the packages its package-info.java says it may use. */
    private static Map<String, Set<String>> declaredUses() {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path info : files.filter(f -> f.getFileName().toString().equals("package-info.java")).sorted().toList()) {
                Matcher m = MAY_USE.matcher(Files.readString(info));
                if (m.find()) {
                    Set<String> named = new TreeSet<>();
                    Matcher code = CODE.matcher(m.group(1));
                    while (code.find()) {
                        named.add(code.group(1));
                    }
                    uses.put(SOURCES.relativize(info.getParent()).toString().replace('/', '.'), named);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static String relative(String pkg) {
        return pkg.substring(ROOT.length() + 1);
    }
}
