package cifar.sweep.file;

import cifar.UserError;
import cifar.config.ConfigException;
import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import cifar.sweep.Changes;
import cifar.sweep.RunIds;
import cifar.training.RunEstimator;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads and validates a sweep file (see hyperparams/study.yaml). Every key and value is checked
 * here, before any training starts, and every error names the file, the line and the key.
 *
 * <pre>
 * name: study                    # optional; default: the file name
 * reference_accuracy: 0.62       # optional; the study's baseline accuracy
 * baseline: {epochs: 5}          # optional; changes to the built-in baseline recipe
 * runs:                          # one configuration per item
 *   - name: lr-0.0005
 *     set: {lr: 0.0005}
 *     reported: 0.61             # optional; what the study measured
 * grids:                         # every combination of the listed values
 *   - name: bs-x-lr
 *     grid: {batch_size: [4, 32], lr: [0.001, 0.004]}
 *     set: {epochs: 5}           # optional; fixed changes for every point
 * search: {...}                  # instead of runs and grids: see {@link SearchReader}
 * </pre>
 */
public final class SweepFileReader {
  private static final Set<String> TOP = keys("name", "description", "reference_accuracy", "baseline", "runs", "grids",
      "search");
  private static final Set<String> RUN = keys("name", "set", "reported");
  private static final Set<String> GRID = keys("name", "grid", "set");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private SweepFileReader() {}

  /**
   * Reads a sweep file; any problem is a {@link UserError} naming file, line and key. A relative
   * path that is not on disk is looked up among the sweep files packed into the jar (as
   * {@code hyperparams/study.yaml} is), so the default sweep also runs outside the project
   * directory, in a container for example.
   *
   * @param estimator the trainer's, which checks that every config can be trained
   */
  public static SweepDefinition read(Path file, RunEstimator estimator) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      String packed = packed(file);
      if (packed == null) {
        throw new UserError("sweep file not found: " + file);
      }
      return parse("jar:" + resourceName(file), packed, defaultName(file), estimator);
    } catch (IOException e) {
      throw new UserError("cannot read sweep file " + file + ": " + e.getMessage(), e);
    }
    return parse(file.toString(), text, defaultName(file), estimator);
  }

  /** Parses sweep-file text; {@code file} is used in messages only. */
  public static SweepDefinition parse(String file, String text, String defaultName,
      RunEstimator estimator) {
    YamlDoc doc = new YamlDoc(file);
    Node root = compose(file, text);
    if (root == null) {
      throw new UserError(file + ": the file is empty; expected 'runs:' and/or 'grids:'");
    }
    Map<String, NodeTuple> top = doc.mapping(root, "the sweep file", TOP);
    String name = top.containsKey("name") ? sweepName(doc, top.get("name").getValueNode()) : defaultName;
    Double reference = top.containsKey("reference_accuracy")
        ? doc.fraction(top.get("reference_accuracy").getValueNode(), "reference_accuracy") : null;
    if (top.containsKey("description")) {
      doc.string(top.get("description").getValueNode(), "description");
    }
    RunConfig base = RunConfig.baseline();
    if (top.containsKey("baseline")) {
      base = changes(doc, base, top.get("baseline").getValueNode(), "baseline", new LinkedHashMap<>());
    }
    if (top.containsKey("search")) {
      NodeTuple search = top.get("search");
      for (String list : List.of("runs", "grids")) {
        if (top.containsKey(list)) {
          throw doc.error(top.get(list).getKeyNode(), "a sweep file with 'search:' has no '"
              + list + ":': a search ranks its trials on validation accuracy, runs and grids on"
              + " test accuracy; put them in a file of their own");
        }
      }
      SearchReader.Read read = SearchReader.read(doc, search.getValueNode(), base, estimator);
      return new SweepDefinition(file, name, reference, base, read.trials(),
          RunIds.sha256(text), read.search());
    }
    List<SweepEntry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (top.containsKey("runs")) {
      for (Node item : doc.sequence(top.get("runs").getValueNode(), "runs")) {
        entries.add(run(doc, base, item, names, estimator));
      }
    }
    if (top.containsKey("grids")) {
      for (Node item : doc.sequence(top.get("grids").getValueNode(), "grids")) {
        entries.addAll(grid(doc, base, item, names, estimator));
      }
    }
    if (entries.isEmpty()) {
      throw doc.error(root, "the sweep has no runs: add items under 'runs:' or 'grids:', or a"
          + " 'search:'");
    }
    return new SweepDefinition(file, name, reference, base, entries, RunIds.sha256(text), null);
  }

  private static SweepEntry run(YamlDoc doc, RunConfig base, Node item, Set<String> names,
      RunEstimator estimator) {
    Map<String, NodeTuple> m = doc.mapping(item, "a run", RUN);
    String name = entryName(doc, item, m, names);
    Map<String, Object> changes = new LinkedHashMap<>();
    RunConfig config = m.containsKey("set")
        ? changes(doc, base, m.get("set").getValueNode(), "'set' of run '" + name + "'", changes) : base;
    Double reported = m.containsKey("reported")
        ? doc.fraction(m.get("reported").getValueNode(), "reported") : null;
    return new SweepEntry(name, changes, fits(doc, item, name, config, estimator), reported);
  }

  /** A grid becomes one entry per combination of its values, the first key varying slowest. */
  private static List<SweepEntry> grid(YamlDoc doc, RunConfig base, Node item, Set<String> names,
      RunEstimator estimator) {
    Map<String, NodeTuple> m = doc.mapping(item, "a grid", GRID);
    String name = entryName(doc, item, m, names);
    if (!m.containsKey("grid")) {
      throw doc.error(item, "grid '" + name + "' has no 'grid:' mapping of keys to value lists");
    }
    Map<String, Object> fixed = new LinkedHashMap<>();
    RunConfig gridBase = m.containsKey("set")
        ? changes(doc, base, m.get("set").getValueNode(), "'set' of grid '" + name + "'", fixed) : base;
    Map<String, List<Object>> axes = new LinkedHashMap<>();
    Node gridNode = m.get("grid").getValueNode();
    for (NodeTuple t : doc.mapping(gridNode, "'grid' of '" + name + "'", null).values()) {
      ConfigKey key = key(doc, t.getKeyNode());
      List<Object> values = new ArrayList<>();
      for (Node v : doc.sequence(t.getValueNode(), "grid key '" + key.key() + "'")) {
        values.add(checked(doc, key, v));
      }
      if (values.isEmpty()) {
        throw doc.error(t.getValueNode(), "grid key '" + key.key() + "' has no values");
      }
      axes.put(key.key(), values);
    }
    if (axes.isEmpty()) {
      throw doc.error(gridNode, "grid '" + name + "' has no keys");
    }
    List<SweepEntry> points = new ArrayList<>();
    for (Map<String, Object> point : Grid.points(axes)) {
      RunConfig config = gridBase;
      for (Map.Entry<String, Object> e : point.entrySet()) {
        config = config.with(e.getKey(), e.getValue());
      }
      Map<String, Object> all = new LinkedHashMap<>(fixed);
      all.putAll(point);
      String pointName = name + "/" + Changes.describe(point).replace(", ", ",");
      points.add(new SweepEntry(pointName, all, fits(doc, item, pointName, config, estimator),
          null));
    }
    return points;
  }

  /** Applies a mapping of config changes to a config, validating each key and value. */
  static RunConfig changes(YamlDoc doc, RunConfig config, Node node, String what,
      Map<String, Object> typed) {
    for (NodeTuple t : doc.mapping(node, what, null).values()) {
      ConfigKey key = key(doc, t.getKeyNode());
      Object value = checked(doc, key, t.getValueNode());
      typed.put(key.key(), value);
      config = config.with(key.key(), value);
    }
    return config;
  }

  /**
   * Checks what no single key can: that the trainer can train the config (the CNN's convs must
   * not shrink a 32×32 image to nothing). Done here so a bad entry stops the sweep before any run
   * trains, with the entry's line.
   */
  static RunConfig fits(YamlDoc doc, Node item, String name, RunConfig config,
      RunEstimator estimator) {
    try {
      estimator.check(config);
      return config;
    } catch (ConfigException e) {
      throw doc.error(item, "run '" + name + "': " + e.getMessage());
    }
  }

  static ConfigKey key(YamlDoc doc, Node keyNode) {
    try {
      return ConfigKey.byName(YamlDoc.text(keyNode));
    } catch (ConfigException e) {
      throw doc.error(keyNode, e.getMessage());
    }
  }

  static Object checked(YamlDoc doc, ConfigKey key, Node valueNode) {
    Object raw = doc.value(valueNode);
    if (raw == null) {
      throw doc.error(valueNode, "key '" + key.key() + "' has no value (" + key.help() + ")");
    }
    try {
      return key.check(raw);
    } catch (ConfigException e) {
      throw doc.error(valueNode, e.getMessage());
    }
  }

  private static String entryName(YamlDoc doc, Node item, Map<String, NodeTuple> m, Set<String> names) {
    if (!m.containsKey("name")) {
      throw doc.error(item, "every item needs a 'name:' (shown in the results table)");
    }
    Node n = m.get("name").getValueNode();
    String name = doc.string(n, "name");
    if (!names.add(name)) {
      throw doc.error(n, "name '" + name + "' is used twice; names must be unique");
    }
    return name;
  }

  private static String sweepName(YamlDoc doc, Node n) {
    String name = doc.string(n, "name");
    if (!NAME.matcher(name).matches()) {
      throw doc.error(n, "name '" + name + "' must be letters, digits, '.', '_' or '-' (it names"
          + " the output directory runs/NAME)");
    }
    return name;
  }

  private static Node compose(String file, String text) {
    try {
      return new Yaml().compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new UserError(file + ":" + line + ": not valid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new UserError(file + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  /** The jar's copy of a relative sweep file path, or null. */
  private static String packed(Path file) {
    if (file.isAbsolute()) {
      return null;
    }
    try (var in = SweepFileReader.class.getResourceAsStream("/" + resourceName(file))) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String resourceName(Path file) {
    return file.normalize().toString().replace('\\', '/');
  }

  private static String defaultName(Path file) {
    String f = file.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return dot > 0 ? f.substring(0, dot) : f;
  }

  private static Set<String> keys(String... names) {
    return new LinkedHashSet<>(List.of(names));
  }
}
