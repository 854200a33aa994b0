package cifar.sweep;

import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stable names for runs: the same config gets the same id on every machine and every JVM, so a
 * rerun, another shard or another cluster node recognises a finished run by its file name alone.
 *
 * <p>The id is the first 12 hex digits of the SHA-256 of the config written as canonical JSON
 * (keys in {@link ConfigKey} order, no spaces, numbers in plain decimal). Doubles are written
 * from their exact binary value rounded to 15 significant digits rather than with
 * {@code Double.toString}, whose digits changed between JDK versions. Keys added later are
 * left out at the value older runs had ({@link ConfigKey#absentFromIds}), so those keep their ids.
 */
public final class RunIds {
  private static final int ID_HEX_DIGITS = 12;

  private RunIds() {}

  /** The run's id: its whole config, seed included. */
  public static String runId(RunConfig config) {
    return hash(canonicalJson(identity(config)));
  }

  /** The id of the run's config without its seed: repeats of one config share it. */
  public static String configId(RunConfig config) {
    Map<String, Object> m = identity(config);
    m.remove(ConfigKey.SEED.key());
    return hash(canonicalJson(m));
  }

  /** The keys and values an id is made of: the whole config but keys absent from ids. */
  public static Map<String, Object> identity(RunConfig config) {
    Map<String, Object> m = config.toMap();
    m.entrySet().removeIf(e -> ConfigKey.byName(e.getKey()).absentFromIds(e.getValue()));
    return m;
  }

  /** The map as compact JSON, in the map's own order. */
  public static String canonicalJson(Map<String, Object> map) {
    return map.entrySet().stream()
        .map(e -> new JsonPrimitive(e.getKey()) + ":" + value(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** First 12 hex digits of the SHA-256 of the UTF-8 text. */
  public static String hash(String text) {
    return sha256(text).substring(0, ID_HEX_DIGITS);
  }

  /** All 64 hex digits of the SHA-256 of the UTF-8 text. */
  public static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String value(Object v) {
    if (v instanceof List<?> list) {
      return list.stream().map(RunIds::value).collect(Collectors.joining(",", "[", "]"));
    }
    if (v instanceof Double || v instanceof Float) {
      return number(((Number) v).doubleValue());
    }
    if (v instanceof Number n) {
      return Long.toString(n.longValue());
    }
    return new JsonPrimitive(String.valueOf(v)).toString();
  }

  /** A double in plain decimal: 0.001 -> "0.001", 0.0 -> "0", 1e-7 -> "0.0000001". */
  static String number(double d) {
    if (d == 0) {
      return "0";
    }
    return new BigDecimal(d).round(new MathContext(15)).stripTrailingZeros().toPlainString();
  }
}
