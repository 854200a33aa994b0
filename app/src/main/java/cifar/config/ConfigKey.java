package cifar.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The keys of a {@link RunConfig}: their names (as written in YAML and {@code --set}), how to
 * read a value and which values are allowed. The one place where a bad value is caught.
 */
public enum ConfigKey {
  CONV_CHANNELS("conv_channels", "list of conv output channels, e.g. [6, 16]", RunConfig::convChannels) {
    @Override
    Object parse(Object v) {
      return positiveIntList(this, v, 1);
    }
  },
  KERNEL_SIZE("kernel_size", "conv kernel size, 1..11", RunConfig::kernelSize) {
    @Override
    Object parse(Object v) {
      return intIn(this, v, 1, 11);
    }
  },
  FC_UNITS("fc_units", "list of hidden fully connected units, e.g. [120, 84]", RunConfig::fcUnits) {
    @Override
    Object parse(Object v) {
      return positiveIntList(this, v, 0);
    }
  },
  FC_ACTIVATION("fc_activation", orList(ActivationFunction.words()), RunConfig::fcActivation) {
    @Override
    Object parse(Object v) {
      String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
      List<String> words = ActivationFunction.words();
      return ActivationFunction.byWord(s).orElseThrow(() -> bad(this, v, "unknown activation"
          + " (expected one of " + String.join(", ", words) + ")" + Suggest.didYouMean(s, words)))
          .word();
    }
  },
  DROPOUT("dropout", "dropout probability after each hidden FC layer, 0 <= p < 1", RunConfig::dropout) {
    @Override
    Object parse(Object v) {
      double p = number(this, v);
      if (!(p >= 0 && p < 1)) {
        throw bad(this, v, "must be at least 0 and below 1");
      }
      return p;
    }
  },
  LR("lr", "SGD learning rate, > 0", RunConfig::learningRate) {
    @Override
    Object parse(Object v) {
      return positiveFinite(this, v);
    }
  },
  MOMENTUM("momentum", "SGD momentum, 0 <= m < 1", RunConfig::momentum) {
    @Override
    Object parse(Object v) {
      double m = number(this, v);
      if (!(m >= 0 && m < 1)) {
        throw bad(this, v, "must be at least 0 and below 1");
      }
      return m;
    }
  },
  BATCH_SIZE("batch_size", "training batch size, >= 1", RunConfig::batchSize) {
    @Override
    Object parse(Object v) {
      return intIn(this, v, 1, 1 << 16);
    }
  },
  EPOCHS("epochs", "passes over the training set, >= 1", RunConfig::epochs) {
    @Override
    Object parse(Object v) {
      return intIn(this, v, 1, 10_000);
    }
  },
  SEED("seed", "random seed, >= 0", RunConfig::seed) {
    @Override
    Object parse(Object v) {
      long s = integer(this, v);
      if (s < 0) {
        throw bad(this, v, "must be 0 or more");
      }
      return s;
    }
  },
  TRAIN_LIMIT("train_limit", "use the first N training images, 0 = all", RunConfig::trainLimit) {
    @Override
    Object parse(Object v) {
      return intIn(this, v, 0, Integer.MAX_VALUE);
    }
  },
  TEST_LIMIT("test_limit", "use the first N test images, 0 = all", RunConfig::testLimit) {
    @Override
    Object parse(Object v) {
      return intIn(this, v, 0, Integer.MAX_VALUE);
    }
  },
  VALIDATION("validation", "hold out the last N training images for validation, 0 = none",
      RunConfig::validation) {
    @Override
    Object parse(Object v) {
      return intIn(this, v, 0, Integer.MAX_VALUE);
    }

    @Override
    public boolean absentFromIds(Object value) {
      return Integer.valueOf(0).equals(value);
    }
  };

  private final String key;
  private final String help;
  private final Function<RunConfig, Object> getter;

  ConfigKey(String key, String help, Function<RunConfig, Object> getter) {
    this.key = key;
    this.help = help;
    this.getter = getter;
  }

  /** The name used in YAML files and in {@code --set key=value}. */
  public String key() {
    return key;
  }

  /** What the value means and which values are allowed. */
  public String help() {
    return help;
  }

  Object get(RunConfig c) {
    return getter.apply(c);
  }

  /**
   * Reads and checks a value (a String from the command line, or a number/list from YAML).
   *
   * @throws ConfigException when it has the wrong type or is out of range
   */
  abstract Object parse(Object value);

  /** Validates a value and returns it typed as the config holds it. */
  public Object check(Object value) {
    return parse(value);
  }

  /**
   * Whether run ids leave this key out at {@code value}. A key added after run ids were first
   * published is left out at the value every older run had, so that their ids, and with them
   * every stored record and sweep directory, stay valid.
   */
  public boolean absentFromIds(Object value) {
    return false;
  }

  /** Looks a key up by name, with a "did you mean" suggestion when there is none. */
  public static ConfigKey byName(String name) {
    for (ConfigKey k : values()) {
      if (k.key.equals(name)) {
        return k;
      }
    }
    throw new ConfigException(name, "unknown key '" + name + "'" + Suggest.didYouMean(name, names()));
  }

  /** All key names, in config order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ConfigKey::key).toList();
  }

  /** "a, b or c". */
  private static String orList(List<String> words) {
    int last = words.size() - 1;
    return String.join(", ", words.subList(0, last)) + " or " + words.get(last);
  }

  private static ConfigException bad(ConfigKey k, Object v, String why) {
    return new ConfigException(k.key, "key '" + k.key + "': value '" + v + "' " + why);
  }

  private static double number(ConfigKey k, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw bad(k, v, "is not a number");
    }
  }

  private static long integer(ConfigKey k, Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number) {
      throw bad(k, v, "is not a whole number");
    }
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw bad(k, v, "is not a whole number");
    }
  }

  private static int intIn(ConfigKey k, Object v, int min, int max) {
    long x = integer(k, v);
    if (x < min || x > max) {
      throw bad(k, v, max == Integer.MAX_VALUE
          ? "must be at least " + min : "must be between " + min + " and " + max);
    }
    return (int) x;
  }

  private static double positiveFinite(ConfigKey k, Object v) {
    double x = number(k, v);
    if (!(x > 0) || Double.isInfinite(x)) {
      throw bad(k, v, "must be a positive number");
    }
    return x;
  }

  /** A list written as YAML [6, 16], as a list object, or as "6,16" on a command line. */
  private static List<Integer> positiveIntList(ConfigKey k, Object v, int minLength) {
    List<?> items;
    if (v instanceof List<?> l) {
      items = l;
    } else {
      String s = String.valueOf(v).trim().replace("[", "").replace("]", "");
      items = s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s*,\\s*"));
    }
    if (items.size() < minLength) {
      throw bad(k, v, "needs at least " + minLength + " entries");
    }
    List<Integer> out = new ArrayList<>();
    for (Object item : items) {
      long x;
      try {
        x = integer(k, item);
      } catch (ConfigException e) {
        throw bad(k, v, "has a non-integer entry '" + item + "'");
      }
      if (x < 1 || x > 100_000) {
        throw bad(k, v, "has an entry '" + item + "' outside 1..100000");
      }
      out.add((int) x);
    }
    return List.copyOf(out);
  }

}
