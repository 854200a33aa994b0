package cifar.config;

import cifar.UserError;

/**
 * A bad configuration value: names the key, the value and what is wrong. Readers of files (YAML
 * sweeps, config files) catch it and add the file and line before it reaches the user.
 */
public class ConfigException extends UserError {
  private final String key;

  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The config key the problem is about, or null when it is not about one key. */
  public String key() {
    return key;
  }
}
