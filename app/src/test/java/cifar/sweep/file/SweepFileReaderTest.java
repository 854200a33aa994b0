package cifar.sweep.file;

import cifar.ProjectFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import cifar.config.RunConfig;
import cifar.sweep.Changes;
import cifar.sweep.RunIds;
import cifar.training.CnnEstimator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepFileReaderTest {
  private static SweepDefinition parse(String yaml) {
    return SweepFileReader.parse("hyperparams/test.yaml", yaml, "test", CnnEstimator.CNN);
  }

  private static String error(String yaml) {
    return assertThrows(UserError.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void oneFactorRunsAreTheBaselinePlusTheirChanges() {
    SweepDefinition d = parse("""
        name: mini
        reference_accuracy: 0.62
        baseline: {epochs: 2}
        runs:
          - name: base
            reported: 0.62
          - name: wide
            set: {conv_channels: [15, 20, 25], dropout: 0.2}
        """);
    assertEquals("mini", d.name());
    assertEquals(0.62, d.referenceAccuracy());
    assertEquals(2, d.baseline().epochs());
    SweepEntry base = d.entries().get(0);
    assertEquals(RunConfig.baseline().with("epochs", 2), base.config());
    assertEquals(Map.of(), base.changes());
    assertEquals(0.62, base.reported());
    SweepEntry wide = d.entries().get(1);
    assertEquals(List.of(15, 20, 25), wide.config().convChannels());
    assertEquals(0.2, wide.config().dropout());
    assertEquals(2, wide.config().epochs(), "the file's baseline applies to every run");
    assertNull(wide.reported());
    assertEquals("conv_channels=[15, 20, 25], dropout=0.2", Changes.describe(wide.changes()));
  }

  @Test
  void gridIsTheCartesianProductLastKeyFastest() {
    SweepDefinition d = parse("""
        grids:
          - name: g
            set: {epochs: 3}
            grid: {batch_size: [4, 32], lr: [0.001, 0.004, 0.016]}
        """);
    assertEquals("test", d.name(), "default name is the file name");
    assertEquals(6, d.entries().size());
    List<String> names = d.entries().stream().map(SweepEntry::name).toList();
    assertEquals(List.of("g/batch_size=4,lr=0.001", "g/batch_size=4,lr=0.004", "g/batch_size=4,lr=0.016",
        "g/batch_size=32,lr=0.001", "g/batch_size=32,lr=0.004", "g/batch_size=32,lr=0.016"), names);
    SweepEntry last = d.entries().get(5);
    assertEquals(32, last.config().batchSize());
    assertEquals(0.016, last.config().learningRate());
    assertEquals(3, last.config().epochs());
    assertEquals("epochs=3, batch_size=32, lr=0.016", Changes.describe(last.changes()));
  }

  @Test
  void gridOfListValuedKeys() {
    SweepDefinition d = parse("""
        grids:
          - name: arch
            grid: {conv_channels: [[6, 16], [20, 25]], fc_activation: [relu, tanh]}
        """);
    assertEquals(4, d.entries().size());
    assertEquals(List.of(20, 25), d.entries().get(3).config().convChannels());
    assertEquals("tanh", d.entries().get(3).config().fcActivation());
  }

  @Test
  void theShippedSweepFilesAreValid() {
    SweepDefinition study = SweepFileReader.read(ProjectFiles.path("hyperparams/study.yaml"), CnnEstimator.CNN);
    assertEquals(12, study.entries().size());
    assertEquals(0.62, study.referenceAccuracy());
    assertEquals(RunConfig.baseline(), study.entries().get(0).config());
    SweepEntry dropout = study.entries().get(11);
    assertEquals(List.of(15, 20, 25), dropout.config().convChannels());
    assertEquals(0.2, dropout.config().dropout());
    assertEquals(0.65, dropout.reported());
    SweepDefinition grid = SweepFileReader.read(ProjectFiles.path("hyperparams/interaction.yaml"), CnnEstimator.CNN);
    assertEquals(9, grid.entries().size());
    assertEquals(64, RunIds.sha256("x").length());
    SweepFileReader.read(ProjectFiles.path("hyperparams/smoke.yaml"), CnnEstimator.CNN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key     | 'runz:\\n  - name: a'                                    | 1 | unknown key 'runz' in the sweep file (did you mean 'runs'?)
      unknown config key        | 'runs:\\n  - name: a\\n    set: {batchsize: 8}'           | 3 | unknown key 'batchsize' (did you mean 'batch_size'?)
      unknown run key           | 'runs:\\n  - name: a\\n    sets: {lr: 0.1}'               | 3 | unknown key 'sets' in a run (did you mean 'set'?)
      negative learning rate    | 'runs:\\n  - name: a\\n    set:\\n      lr: -0.1'          | 4 | key 'lr': value '-0.1' must be a positive number
      batch size zero           | 'baseline:\\n  batch_size: 0\\nruns:\\n  - name: a'        | 2 | key 'batch_size': value '0' must be between 1 and 65536
      dropout one               | 'runs:\\n  - name: a\\n    set: {dropout: 1.0}'           | 3 | key 'dropout': value '1.0' must be at least 0 and below 1
      unknown activation        | 'runs:\\n  - name: a\\n    set: {fc_activation: relux}'   | 3 | unknown activation (expected one of relu, tanh, sigmoid) (did you mean 'relu'?)
      learning rate not number  | 'runs:\\n  - name: a\\n    set: {lr: fast}'               | 3 | key 'lr': value 'fast' is not a number
      batch size fractional     | 'runs:\\n  - name: a\\n    set: {batch_size: 4.5}'        | 3 | key 'batch_size': value '4.5' is not a whole number
      channels not a list       | 'runs:\\n  - name: a\\n    set: {conv_channels: [6, x]}'  | 3 | has a non-integer entry 'x'
      convs shrink to nothing   | 'runs:\\n  - name: a\\n  - name: deep\\n    set: {conv_channels: [6, 8, 10, 12]}' | 3 | run 'deep': key 'conv_channels': value '[6, 8, 10, 12]' with kernel_size 5 has too many conv layers
      grid point does not fit   | 'grids:\\n  - name: g\\n    grid: {kernel_size: [5, 11], conv_channels: [[6, 16, 32]]}' | 2 | run 'g/kernel_size=11,conv_channels=[6,16,32]': key 'conv_channels'
      set not a mapping         | 'runs:\\n  - name: a\\n    set: 5'                        | 3 | 'set' of run 'a' must be a mapping
      value missing             | 'runs:\\n  - name: a\\n    set: {lr: }'                   | 3 | key 'lr' has no value
      grid value not a list     | 'grids:\\n  - name: g\\n    grid: {lr: 0.1}'              | 3 | grid key 'lr' must be a list
      bad grid value            | 'grids:\\n  - name: g\\n    grid:\\n      lr: [0.1, -2]'   | 4 | key 'lr': value '-2' must be a positive number
      empty grid values         | 'grids:\\n  - name: g\\n    grid: {lr: []}'               | 3 | grid key 'lr' has no values
      grid without grid         | 'grids:\\n  - name: g'                                   | 2 | grid 'g' has no 'grid:' mapping
      duplicate name            | 'runs:\\n  - name: a\\n  - name: a'                       | 3 | name 'a' is used twice
      duplicate key             | 'runs:\\n  - name: a\\n    set: {lr: 0.1, lr: 0.2}'       | 3 | key 'lr' appears twice
      missing name              | 'runs:\\n  - set: {lr: 0.1}'                             | 2 | every item needs a 'name:'
      reported as percent       | 'runs:\\n  - name: a\\n    reported: 62'                  | 3 | reported: value '62' must be a fraction between 0 and 1
      runs not a list           | 'runs: {name: a}'                                        | 1 | runs must be a list
      no runs                   | 'name: x'                                                | 1 | the sweep has no runs
      bad sweep name            | 'name: my sweep\\nruns:\\n  - name: a'                    | 1 | name 'my sweep' must be letters
      yaml syntax               | 'runs:\\n  - name: [a\\n'                                 | 3 | not valid YAML
      """)
  void badInputNamesFileLineAndKey(String what, String yaml, int line, String expected) {
    String message = error(yaml.replace("\\n", "\n"));
    assertTrue(message.startsWith("hyperparams/test.yaml:" + line + ": "), what + ": " + message);
    assertTrue(message.contains(expected), what + ": " + message);
  }

  @Test
  void emptyFile() {
    assertTrue(error("").contains("hyperparams/test.yaml: the file is empty"));
  }

  @Test
  void aRelativeFileNotOnDiskIsReadFromTheJar() {
    SweepDefinition d = SweepFileReader.read(Path.of("hyperparams/packed-only.yaml"), CnnEstimator.CNN);
    assertEquals("packed", d.name());
    assertEquals("jar:hyperparams/packed-only.yaml", d.file());
  }

  @Test
  void missingFile() {
    String m = assertThrows(UserError.class, () -> SweepFileReader.read(Path.of("no/such.yaml"), CnnEstimator.CNN)).getMessage();
    assertEquals("sweep file not found: no/such.yaml", m);
  }
}
