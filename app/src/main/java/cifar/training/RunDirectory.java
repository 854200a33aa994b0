package cifar.training;

import cifar.UserError;
import cifar.config.ConfigException;
import cifar.config.RunConfig;
import cifar.data.CifarSplit;
import cifar.io.AtomicFiles;
import cifar.json.Json;
import cifar.json.PerClassJson;
import cifar.provenance.Provenance;
import com.google.gson.annotations.JsonAdapter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The files of one training run, {@code runs/NAME/}:
 *
 * <ul>
 *   <li>{@code config.yaml} the resolved {@link RunConfig}, every key (evaluate rebuilds the model
 *       from it)
 *   <li>{@code metrics.json} status, per-epoch metrics, final and per-class accuracy; rewritten
 *       after every epoch, so an interrupted run keeps what it computed
 *   <li>{@code per_class.csv} class, accuracy
 *   <li>{@code model.params} the trained parameters (DJL's parameter format)
 *   <li>{@code train.log} the lines the run printed, and the project's and DJL's log lines of
 *       its thread, stack traces included ({@link RunLog})
 *   <li>{@code checkpoint/} the last finished epoch's checkpoint while the run trains, which
 *       {@code train --resume} continues from (removed when the run ends)
 * </ul>
 */
public final class RunDirectory {
  public static final String CONFIG = "config.yaml";
  public static final String METRICS = "metrics.json";
  public static final String PER_CLASS = "per_class.csv";
  public static final String PARAMETERS = "model.params";
  public static final String LOG = "train.log";
  /** The run's per-epoch checkpoints while it trains ({@link Checkpoints}). */
  public static final String CHECKPOINT = "checkpoint";

  /** The layout of metrics.json written now. */
  public static final int METRICS_FORMAT = 2;

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Creates the directory (and parents) for a new run. */
  public static RunDirectory create(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("cannot create run directory " + dir + ": " + e.getMessage(), e);
    }
    return new RunDirectory(dir);
  }

  /**
   * Stops when {@code dir} already holds a run (config.yaml, metrics.json or model.params): a
   * second {@code train} with the same {@code --out} would otherwise overwrite a trained model.
   * Called before anything is loaded, so the refusal costs nothing.
   */
  public static void requireNoRun(Path dir) {
    List<String> found = Stream.of(CONFIG, METRICS, PARAMETERS)
        .filter(f -> Files.exists(dir.resolve(f))).toList();
    if (!found.isEmpty()) {
      throw new UserError("--out " + dir + " already holds a run (" + String.join(", ", found)
          + "): choose another directory, or add --force to replace that run");
    }
  }

  /**
   * Creates the directory for a new run in place of the run it holds ({@code train --force}):
   * the old run's files go first, so the directory never mixes the old model or log with the
   * new config.
   */
  public static RunDirectory replace(Path dir) {
    try {
      for (String f : List.of(CONFIG, METRICS, PER_CLASS, PARAMETERS, LOG)) {
        Files.deleteIfExists(dir.resolve(f));
      }
      // the old run's checkpoint would otherwise be taken for the new run's
      new Checkpoints(dir.resolve(CHECKPOINT)).delete();
    } catch (IOException e) {
      throw new UserError("cannot replace the run in " + dir + ": " + e.getMessage(), e);
    }
    return create(dir);
  }

  /** Opens an existing run directory, as written by {@code train}. */
  public static RunDirectory open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(CONFIG))) {
      throw new UserError("run directory " + dir + " has no " + CONFIG
          + " (is it a directory written by `cifar train --out`?)");
    }
    return new RunDirectory(dir);
  }

  public Path dir() {
    return dir;
  }

  public Path parameters() {
    return dir.resolve(PARAMETERS);
  }

  public Path checkpoints() {
    return dir.resolve(CHECKPOINT);
  }

  public void writeConfig(RunConfig config) {
    DumperOptions style = new DumperOptions();
    style.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
    style.setPrettyFlow(false);
    StringBuilder out = new StringBuilder("# resolved config of this run; `cifar evaluate` reads it\n");
    Yaml yaml = new Yaml(style);
    for (Map.Entry<String, Object> e : config.toMap().entrySet()) {
      out.append(e.getKey()).append(": ").append(yaml.dump(e.getValue()).strip()).append('\n');
    }
    write(CONFIG, out.toString());
  }

  /** Reads config.yaml back, each value checked by its key. */
  public RunConfig readConfig() {
    Path file = dir.resolve(CONFIG);
    Object doc;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      doc = new Yaml().load(in);
    } catch (IOException | YAMLException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
    return applyYaml(RunConfig.baseline(), doc, file);
  }

  /**
   * Applies a YAML map of config keys on top of {@code base}; errors name the file and the key.
   */
  public static RunConfig applyYaml(RunConfig base, Object doc, Path file) {
    if (doc == null) {
      return base;
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new UserError(file + ": expected a map of config keys (key: value), found "
          + doc.getClass().getSimpleName());
    }
    RunConfig config = base;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      try {
        config = config.with(String.valueOf(e.getKey()), e.getValue());
      } catch (ConfigException ex) {
        throw new ConfigException(ex.key(), file + ": " + ex.getMessage());
      }
    }
    return config;
  }

  /**
   * Writes metrics.json (and per_class.csv once there are per-class numbers): {@code status} is
   * {@link RunStatus#RUNNING} between epochs, then how the run ended.
   */
  public void writeResult(RunResult result, RunStatus status, Provenance provenance) {
    write(METRICS, Json.write(new MetricsFile(status, result.error(), result.config(),
        result.epochs(), result.testAccuracy(), result.perClassAccuracy(), result.confusion(),
        result.wallSeconds(), provenance), METRICS_FORMAT));
    if (!result.perClassAccuracy().isEmpty()) {
      StringBuilder csv = new StringBuilder("class,accuracy\n");
      for (int c = 0; c < result.perClassAccuracy().size(); c++) {
        csv.append(CifarSplit.CLASSES[c]).append(',')
            .append(String.format(Locale.ROOT, "%.4f", result.perClassAccuracy().get(c)))
            .append('\n');
      }
      write(PER_CLASS, csv.toString());
    }
  }

  /** The body of metrics.json; format 2 added the provenance and lowercase status words. */
  record MetricsFile(RunStatus status, String error, RunConfig config, List<EpochMetrics> epochs,
      double testAccuracy, @JsonAdapter(PerClassJson.class) List<Double> perClassAccuracy,
      List<List<Integer>> confusion, double wallSeconds, Provenance provenance) {}

  /** train.log: what the run said and logged ({@link RunLog}). */
  public Path log() {
    return dir.resolve(LOG);
  }

  /** Writes atomically ({@link AtomicFiles}), so a crash never leaves half a file. */
  private void write(String name, String content) {
    try {
      AtomicFiles.write(dir.resolve(name), content);
    } catch (UncheckedIOException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

}
