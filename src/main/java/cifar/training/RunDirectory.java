package cifar.training;

import cifar.UserError;
import cifar.config.ConfigException;
import cifar.config.RunConfig;
import cifar.data.CifarSplit;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 *   <li>{@code train.log} the lines the run printed
 * </ul>
 */
public final class RunDirectory {
  public static final String CONFIG = "config.yaml";
  public static final String METRICS = "metrics.json";
  public static final String PER_CLASS = "per_class.csv";
  public static final String PARAMETERS = "model.params";
  public static final String LOG = "train.log";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().serializeNulls()
          .create();

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

  /** Writes metrics.json (and per_class.csv once there are per-class numbers). */
  public void writeResult(RunResult result, String state, String device) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", state);
    json.put("error", result.error());
    json.put("device", device);
    json.put("config", result.config().toMap());
    List<JsonObject> epochs = new ArrayList<>();
    for (EpochMetrics m : result.epochs()) {
      epochs.add(EpochJson.tree(m));
    }
    json.put("epochs", epochs);
    json.put("test_accuracy", result.testAccuracy());
    Map<String, Object> perClass = new LinkedHashMap<>();
    for (int c = 0; c < result.perClassAccuracy().size(); c++) {
      perClass.put(CifarSplit.CLASSES[c], result.perClassAccuracy().get(c));
    }
    json.put("per_class_accuracy", perClass);
    json.put("wall_seconds", result.wallSeconds());
    write(METRICS, GSON.toJson(json) + "\n");
    if (!result.perClassAccuracy().isEmpty()) {
      StringBuilder csv = new StringBuilder("class,accuracy\n");
      for (Map.Entry<String, Object> e : perClass.entrySet()) {
        csv.append(e.getKey()).append(',')
            .append(String.format(Locale.ROOT, "%.4f", (Double) e.getValue())).append('\n');
      }
      write(PER_CLASS, csv.toString());
    }
  }

  /** Appends one line to train.log. */
  public void log(String line) {
    try {
      Files.writeString(dir.resolve(LOG), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UserError("cannot write " + dir.resolve(LOG) + ": " + e.getMessage(), e);
    }
  }

  /** Writes through a temporary file, so a crash never leaves half a file. */
  private void write(String name, String content) {
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(name + ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
