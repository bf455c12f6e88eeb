package app.bella.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.nio.file.Files;
import java.nio.file.attribute.FileAttribute;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers of docs/architecture.md: a leaf support package, domain packages free of Camel and JDBC, no
 * package cycles, and a composition root (platform) that nothing imports. Every exception is listed here with why.
 */
class ArchitectureTest {

    private static final JavaClasses BELLA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("app.bella");

    /**
     * booking's repositories: they own the booking transaction (row locks, the exclusion constraint, the outbox row in
     * the same transaction), the schedule's and the catalog's storage, so they speak JDBC. The rest of booking (availability, opening
     * hours, slots) is pure.
     */
    private static final Class<?>[] BOOKING_REPOSITORIES = {
            app.bella.booking.BookingService.class, app.bella.booking.DatabaseSchedule.class,
            app.bella.booking.ScheduleStore.class, app.bella.booking.Catalog.class};

    @Test
    void supportImportsNothingOfBella() {
        classes().that().resideInAPackage("app.bella.support..")
                .should().onlyDependOnClassesThat(not(resideInAnyPackage("app.bella..")).or(resideInAnyPackage("app.bella.support..")))
                .because("support is the leaf every package may use")
                .check(BELLA);
    }

    @Test
    void domainPackagesUseNeitherCamelNorJdbc() {
        noClasses().that().resideInAnyPackage("app.bella.nlu..", "app.bella.booking..")
                .and(not(belongToAnyOf(BOOKING_REPOSITORIES)))
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "java.sql..", "javax.sql..")
                .because("parsing and scheduling are plain Java that the routes call")
                .check(BELLA);
    }

    @Test
    void theDialogueDecidesWithoutJdbcOrCamel() {
        noClasses().that().belongToAnyOf(app.bella.voice.Dialogue.class, app.bella.voice.CallState.class)
                .or().haveFullyQualifiedName("app.bella.voice.TimeOffers")
                .or().haveFullyQualifiedName("app.bella.voice.AppointmentAnswers")
                .or().haveFullyQualifiedName("app.bella.voice.CallerNumbers")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.apache.camel..")
                .because("a call turn reads and books through voice.PracticeBook inside the turn's transaction, and the "
                        + "model is asked by the route before that transaction (no outside call under a row lock)")
                .check(BELLA);
    }

    @Test
    void nothingImportsTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("app.bella.platform..")
                .should().dependOnClassesThat().resideInAPackage("app.bella.platform..")
                .because("platform wires everything together; knowing it would tie a package to all the others")
                .check(BELLA);
    }

    @Test
    void testsLeaveNoTemporaryDirectoryBehind() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("app.bella");
        noClasses().that().resideOutsideOfPackage("app.bella.testing..")
                .should().callMethod(Files.class, "createTempDirectory", String.class, FileAttribute[].class)
                .because("a test's database directory is ~40 MB: testing.TempDirectories removes it, a bare "
                        + "temporary directory stays on the disk after every suite run")
                .check(tests);
    }

    @Test
    void noPackageCycles() {
        packagesFreeOfCycles("app.bella").check(BELLA);
    }

    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("app.bella.architecture.cyclic");
        EvaluationResult result = packagesFreeOfCycles("app.bella.architecture.cyclic").evaluate(fixture);
        assertThat(result.hasViolation()).as("a cycle between packages a and b").isTrue();
    }

    private static SliceRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }
}
