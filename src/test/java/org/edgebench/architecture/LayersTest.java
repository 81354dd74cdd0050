package org.edgebench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages are layers, lowest first (docs/architecture.md): a class may use its own layer and
 * the layers below it, never one above, and no packages depend on each other in a circle.
 */
class LayersTest {

    /** Each layer: its name, then its packages. Lowest first. */
    static final List<List<String>> LAYERS = List.of(
            List.of("run", "org.edgebench", "org.edgebench.run"),
            List.of("results", "org.edgebench.results"),
            List.of("stats", "org.edgebench.stats"),
            List.of("text", "org.edgebench.text"),
            List.of("model.generator", "org.edgebench.model.generator"),
            List.of("model", "org.edgebench.model"),
            List.of("model.inputs", "org.edgebench.model.inputs"),
            List.of("runtime", "org.edgebench.runtime"),
            List.of("profile", "org.edgebench.profile"),
            List.of("bench.state", "org.edgebench.bench.state"),
            List.of("bench", "org.edgebench.bench", "org.edgebench.bench.jmh_generated", "org.edgebench.bench.state.jmh_generated"),
            List.of("arrivals", "org.edgebench.arrivals"),
            List.of("count", "org.edgebench.count"),
            List.of("analysis", "org.edgebench.analysis"),
            List.of("agreement", "org.edgebench.agreement"),
            List.of("report.csv", "org.edgebench.report.csv"),
            List.of("report.chart", "org.edgebench.report.chart"),
            List.of("report", "org.edgebench.report"),
            List.of("report.bench", "org.edgebench.report.bench", "org.edgebench.report.bench.jmh_generated"),
            List.of("compare", "org.edgebench.compare"),
            List.of("compare.side", "org.edgebench.compare.side"),
            List.of("plan", "org.edgebench.plan"),
            List.of("turns", "org.edgebench.turns"),
            List.of("launch.jmh", "org.edgebench.launch.jmh"),
            List.of("launch.steps", "org.edgebench.launch.steps"),
            List.of("launch", "org.edgebench.launch"),
            List.of("cli", "org.edgebench.cli"));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.edgebench");

    @Test
    void layersAreUsedOnlyFromAbove() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> layer : LAYERS) {
            rule = rule.layer(layer.get(0)).definedBy(layer.subList(1, layer.size()).toArray(String[]::new));
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(l -> l.get(0)).toArray(String[]::new);
            rule = rule.whereLayer(LAYERS.get(i).get(0)).mayOnlyBeAccessedByLayers(above);
        }
        rule = rule.whereLayer(LAYERS.get(LAYERS.size() - 1).get(0)).mayNotBeAccessedByAnyLayer();
        rule.check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.edgebench.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyClassIsInALayer() {
        String[] packages = LAYERS.stream().flatMap(l -> l.subList(1, l.size()).stream()).toArray(String[]::new);
        classes().should().resideInAnyPackage(packages)
                .because("a new package takes its place among the layers in LayersTest and docs/architecture.md")
                .check(MAIN);
    }
}
