package cifar.sweep.file;

import cifar.UserError;
import cifar.config.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reading a composed YAML document node by node, so that every error can name the file and the
 * line of the key or value it is about. SnakeYAML's object constructor would give plain maps and
 * lose the lines; its node graph keeps them.
 */
final class YamlDoc {
  private final String file;

  YamlDoc(String file) {
    this.file = file;
  }

  /** An error about a node: "file:line: message". */
  UserError error(Node at, String message) {
    return new UserError(file + ":" + line(at) + ": " + message);
  }

  static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  /**
   * The entries of a mapping by key, in file order, after checking that the node is a mapping,
   * that every key is a plain string, is known (with a suggestion when not) and appears once.
   */
  Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) {
    if (!(node instanceof MappingNode m)) {
      throw error(node, what + " must be a mapping of keys to values, e.g. {" + example(allowed) + "}");
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error(t.getKeyNode(), "a key in " + what + " must be a plain word");
      }
      String key = k.getValue();
      if (allowed != null && !allowed.contains(key)) {
        throw error(k, "unknown key '" + key + "' in " + what + Suggest.didYouMean(key, allowed)
            + "; allowed: " + String.join(", ", allowed));
      }
      if (out.put(key, t) != null) {
        throw error(k, "key '" + key + "' appears twice in " + what);
      }
    }
    return out;
  }

  /** The items of a sequence node. */
  List<Node> sequence(Node node, String what) {
    if (!(node instanceof SequenceNode s)) {
      throw error(node, what + " must be a list (YAML '- item' lines or [a, b])");
    }
    return s.getValue();
  }

  /** A non-empty plain string. */
  String string(Node node, String what) {
    if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL) || s.getValue().isBlank()) {
      throw error(node, what + " must be a non-empty text");
    }
    return s.getValue().trim();
  }

  /** An accuracy written as a fraction, 0 < x <= 1. */
  double fraction(Node node, String what) {
    Object v = value(node);
    if (v instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
      return n.doubleValue();
    }
    throw error(node, what + ": value '" + text(node) + "' must be a fraction between 0 and 1"
        + " (e.g. 0.62 for 62%)");
  }

  /**
   * A node as the plain Java value the config keys understand: Long, Double, Boolean, String,
   * null, or a List of those. Mappings are not values.
   */
  Object value(Node node) {
    if (node instanceof SequenceNode s) {
      List<Object> items = new ArrayList<>();
      for (Node item : s.getValue()) {
        items.add(value(item));
      }
      return items;
    }
    if (!(node instanceof ScalarNode s)) {
      throw error(node, "expected a value, found a mapping");
    }
    String raw = s.getValue().replace("_", "");
    Tag tag = s.getTag();
    try {
      if (tag.equals(Tag.INT)) {
        return Long.parseLong(raw);
      }
      if (tag.equals(Tag.FLOAT)) {
        return parseFloat(raw);
      }
    } catch (NumberFormatException e) {
      return s.getValue(); // 0x1F, 1:20 and the like: let the key's check reject the text
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.parseBoolean(raw);
    }
    return tag.equals(Tag.NULL) ? null : s.getValue();
  }

  /** The node's source text, for messages. */
  static String text(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : "(" + node.getNodeId() + ")";
  }

  private static double parseFloat(String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return lower.equals(".nan") ? Double.NaN : Double.parseDouble(raw);
  }

  private static String example(Set<String> allowed) {
    return allowed == null ? "lr: 0.001" : allowed.iterator().next() + ": ...";
  }
}
