package cifar.sweep.file;

import cifar.config.ConfigException;
import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import cifar.config.Suggest;
import cifar.search.Choice;
import cifar.search.Distribution;
import cifar.search.Draws;
import cifar.search.IntRange;
import cifar.search.Method;
import cifar.search.PerLayer;
import cifar.search.Real;
import cifar.search.Search;
import cifar.search.Space;
import cifar.sweep.Changes;
import cifar.training.RunEstimator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code search:} entry of a sweep file and draws its trials, checking everything as
 * strictly as runs and grids: every key, kind and bound is checked against the config key it is
 * for, and every trial it draws must be a network that can be built, so a bad space stops the
 * sweep with the file's line before anything trains.
 *
 * <pre>
 * search:
 *   method: asha              # or random
 *   trials: 40
 *   seed: 1                   # optional, default 1
 *   validation: 5000          # optional: the last N training images, held out (default 5000)
 *   max_epochs: 5             # optional, default the baseline's epochs
 *   min_epochs: 1             # asha: the first rung (default 1)
 *   reduction_factor: 3       # asha: η, each rung promotes its top 1/η (default 3)
 *   compare: {name: conv-20-25, set: {conv_channels: [20, 25]}}   # optional, for best.yaml
 *   space:
 *     lr: {log_uniform: [0.0005, 0.01]}
 *     momentum: {uniform: [0.8, 0.95]}
 *     batch_size: {choice: [4, 8, 16]}
 *     conv_channels: {layers: {choice: [2, 3]}, each: {log_int: [12, 48]}}
 * </pre>
 */
final class SearchReader {
  private static final Set<String> SEARCH = keys("method", "trials", "seed", "validation",
      "max_epochs", "min_epochs", "reduction_factor", "compare", "space");
  private static final Set<String> KINDS = keys("log_uniform", "uniform", "int", "log_int",
      "choice", "layers", "each");
  private static final Set<String> COMPARE = keys("name", "set");
  /** Keys a search sets itself, so a space must not draw them. */
  private static final Set<String> OWN = keys(ConfigKey.EPOCHS.key(), ConfigKey.SEED.key(),
      ConfigKey.TRAIN_LIMIT.key(), ConfigKey.TEST_LIMIT.key(), ConfigKey.VALIDATION.key());
  static final int DEFAULT_VALIDATION = 5_000;

  /**
   * A search and the trials it draws, one sweep entry each.
   *
   * @param search the search
   * @param trials trial-001, trial-002, ...: the baseline plus the drawn values, holding the
   *     validation images out, trained for max_epochs
   */
  record Read(Search search, List<SweepEntry> trials) {}

  private SearchReader() {}

  static Read read(YamlDoc doc, Node node, RunConfig base, RunEstimator estimator) {
    Map<String, NodeTuple> m = doc.mapping(node, "the search", SEARCH);
    Method method = m.containsKey("method") ? method(doc, m.get("method").getValueNode())
        : Method.RANDOM;
    if (!m.containsKey("space")) {
      throw doc.error(node, "the search has no 'space:' of keys to search");
    }
    if (!m.containsKey("trials")) {
      throw doc.error(node, "the search needs 'trials:', how many configs to draw");
    }
    int trials = whole(doc, m, "trials", 1, 1, 100_000);
    long seed = whole(doc, m, "seed", 1, 0, Integer.MAX_VALUE);
    int validation = whole(doc, m, "validation", DEFAULT_VALIDATION, 1, Integer.MAX_VALUE);
    int maxEpochs = whole(doc, m, "max_epochs", base.epochs(), 1, 10_000);
    int minEpochs = whole(doc, m, "min_epochs", 1, 1, 10_000);
    int reduction = whole(doc, m, "reduction_factor", 3, 2, 1_000);
    if (method == Method.ASHA && minEpochs >= maxEpochs) {
      throw doc.error(m.containsKey("min_epochs") ? m.get("min_epochs").getValueNode() : node,
          "min_epochs " + minEpochs + " must be below max_epochs " + maxEpochs
              + ": ASHA trains every trial min_epochs and the best up to max_epochs");
    }
    String compareName = "baseline";
    RunConfig compare = base;
    if (m.containsKey("compare")) {
      Node c = m.get("compare").getValueNode();
      Map<String, NodeTuple> cm = doc.mapping(c, "'compare' of the search", COMPARE);
      if (!cm.containsKey("name")) {
        throw doc.error(c, "'compare' needs a 'name:' for the config the winner is retrained against");
      }
      compareName = doc.string(cm.get("name").getValueNode(), "name");
      if (cm.containsKey("set")) {
        compare = SweepFileReader.changes(doc, base, cm.get("set").getValueNode(),
            "'set' of 'compare'", new LinkedHashMap<>());
      }
    }
    Space space = space(doc, m.get("space").getValueNode());
    Search search = new Search(method, seed, trials, validation, maxEpochs, minEpochs, reduction,
        space.described(), compareName, compare);
    return new Read(search, trials(doc, node, base, search, space, estimator));
  }

  /** Draws the trials; each must be a network that can be built. */
  private static List<SweepEntry> trials(YamlDoc doc, Node node, RunConfig base, Search search,
      Space space, RunEstimator estimator) {
    int width = Math.max(3, Integer.toString(search.trials()).length());
    List<SweepEntry> out = new ArrayList<>();
    for (int t = 1; t <= search.trials(); t++) {
      Map<String, Object> changes = new LinkedHashMap<>();
      RunConfig config = base;
      for (Map.Entry<String, Object> e : Draws.trial(space, search.seed(), t).entrySet()) {
        Object value = ConfigKey.byName(e.getKey()).check(e.getValue());
        changes.put(e.getKey(), value);
        config = config.with(e.getKey(), value);
      }
      config = config.with(ConfigKey.VALIDATION.key(), search.validation())
          .with(ConfigKey.EPOCHS.key(), search.maxEpochs());
      String name = String.format(Locale.ROOT, "trial-%0" + width + "d", t);
      out.add(new SweepEntry(name, changes,
          SweepFileReader.fits(doc, node, name + " (" + Changes.describe(changes) + ")", config,
              estimator),
          null));
    }
    return out;
  }

  private static Space space(YamlDoc doc, Node node) {
    Map<String, Distribution> keys = new LinkedHashMap<>();
    Map<String, NodeTuple> entries = doc.mapping(node, "the search's 'space'", null);
    if (entries.isEmpty()) {
      throw doc.error(node, "the search's 'space' has no keys");
    }
    for (NodeTuple t : entries.values()) {
      ConfigKey key = SweepFileReader.key(doc, t.getKeyNode());
      if (OWN.contains(key.key())) {
        throw doc.error(t.getKeyNode(), "key '" + key.key() + "' is set by the search itself"
            + " (max_epochs, min_epochs, seed, validation and --train-limit/--test-limit), not"
            + " drawn from the space");
      }
      Distribution d = distribution(doc, t.getValueNode(), key.key());
      for (Object extreme : d.extremes()) {
        try {
          key.check(extreme);
        } catch (ConfigException e) {
          throw doc.error(t.getValueNode(), "space: " + e.getMessage());
        }
      }
      keys.put(key.key(), d);
    }
    return new Space(keys);
  }

  /** One distribution: a mapping of one kind to its bounds or values, or layers with each. */
  private static Distribution distribution(YamlDoc doc, Node node, String key) {
    String what = "the distribution of '" + key + "'";
    Map<String, NodeTuple> m = doc.mapping(node, what, KINDS);
    boolean list = RunConfig.baseline().toMap().get(key) instanceof List;
    if (m.containsKey("layers") || m.containsKey("each")) {
      if (!list) {
        throw doc.error(node, "'layers' and 'each' draw a list, and '" + key + "' is not one"
            + " (they are for conv_channels and fc_units)");
      }
      if (!m.keySet().equals(Set.of("layers", "each"))) {
        throw doc.error(node, what + " needs exactly 'layers:' (how many) and 'each:' (each"
            + " layer's width), e.g. {layers: {choice: [2, 3]}, each: {int: [8, 64]}}");
      }
      return make(doc, node, what, () -> new PerLayer(
          whole(doc, m.get("layers").getValueNode(), key + " layers"),
          whole(doc, m.get("each").getValueNode(), key + " each")));
    }
    if (m.size() != 1) {
      throw doc.error(node, what + " needs one kind, e.g. {log_uniform: [0.0005, 0.01]}; it"
          + " has " + String.join(", ", m.keySet()));
    }
    Map.Entry<String, NodeTuple> kind = m.entrySet().iterator().next();
    Node value = kind.getValue().getValueNode();
    return switch (kind.getKey()) {
      case "log_uniform", "uniform" -> {
        double[] b = bounds(doc, value, kind.getKey());
        yield make(doc, value, label(kind.getKey(), key), () -> new Real(b[0], b[1], kind.getKey().equals("log_uniform")));
      }
      case "int", "log_int" -> {
        double[] b = bounds(doc, value, kind.getKey());
        if (b[0] != Math.rint(b[0]) || b[1] != Math.rint(b[1])) {
          throw doc.error(value, "'" + kind.getKey() + "' needs whole numbers, e.g. [8, 64]");
        }
        yield make(doc, value, label(kind.getKey(), key), () -> new IntRange((int) b[0], (int) b[1],
            kind.getKey().equals("log_int")));
      }
      default -> {
        ConfigKey k = ConfigKey.byName(key);
        List<Object> values = new ArrayList<>();
        for (Node v : doc.sequence(value, "'choice' of '" + key + "'")) {
          values.add(SweepFileReader.checked(doc, k, v));
        }
        yield make(doc, value, label("choice", key), () -> new Choice(values));
      }
    };
  }

  /** The layer count or width of a {@link PerLayer}: whole numbers only. */
  private static Distribution whole(YamlDoc doc, Node node, String what) {
    Map<String, NodeTuple> m = doc.mapping(node, "'" + what + "'", keys("int", "log_int", "choice"));
    if (m.size() != 1) {
      throw doc.error(node, "'" + what + "' needs one of int, log_int or choice, e.g. {choice: [2, 3]}");
    }
    Map.Entry<String, NodeTuple> kind = m.entrySet().iterator().next();
    Node value = kind.getValue().getValueNode();
    if (kind.getKey().equals("choice")) {
      List<Object> values = new ArrayList<>();
      for (Node v : doc.sequence(value, "'choice' of '" + what + "'")) {
        if (!(doc.value(v) instanceof Long n) || n < 0 || n > 100_000) {
          throw doc.error(v, "'" + what + "': value '" + YamlDoc.text(v) + "' must be a whole"
              + " number from 0 to 100000");
        }
        values.add(n.intValue());
      }
      return make(doc, value, label("choice", what), () -> new Choice(values));
    }
    double[] b = bounds(doc, value, kind.getKey());
    return make(doc, value, label(kind.getKey(), what), () -> new IntRange((int) b[0], (int) b[1],
        kind.getKey().equals("log_int")));
  }

  /** Two numbers [low, high]. */
  private static double[] bounds(YamlDoc doc, Node node, String kind) {
    List<Node> items = doc.sequence(node, "'" + kind + "'");
    if (items.size() != 2) {
      throw doc.error(node, "'" + kind + "' needs two bounds [low, high], found " + items.size());
    }
    double[] b = new double[2];
    for (int i = 0; i < 2; i++) {
      if (!(doc.value(items.get(i)) instanceof Number n)) {
        throw doc.error(items.get(i), "'" + kind + "': bound '" + YamlDoc.text(items.get(i))
            + "' is not a number");
      }
      b[i] = n.doubleValue();
    }
    return b;
  }

  /** Builds a distribution, turning its refusal into an error at the node. */
  private static Distribution make(YamlDoc doc, Node node, String what,
      Supplier<Distribution> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw doc.error(node, what + ": " + e.getMessage());
    }
  }

  private static String label(String kind, String key) {
    return "'" + kind + "' of '" + key + "'";
  }

  private static Method method(YamlDoc doc, Node node) {
    String word = doc.string(node, "method");
    List<String> words = Arrays.stream(Method.values()).map(Method::word).toList();
    for (Method x : Method.values()) {
      if (x.word().equals(word)) {
        return x;
      }
    }
    throw doc.error(node, "unknown search method '" + word + "'"
        + Suggest.didYouMean(word, words) + "; allowed: " + String.join(", ", words));
  }

  /** A whole number field of the search, or its default when absent. */
  private static int whole(YamlDoc doc, Map<String, NodeTuple> m, String field, int absent,
      int min, int max) {
    if (!m.containsKey(field)) {
      return absent;
    }
    Node n = m.get(field).getValueNode();
    if (!(doc.value(n) instanceof Long v) || v < min || v > max) {
      throw doc.error(n, field + ": value '" + YamlDoc.text(n) + "' must be a whole number"
          + (max == Integer.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max));
    }
    return v.intValue();
  }

  private static Set<String> keys(String... names) {
    return new LinkedHashSet<>(List.of(names));
  }
}
