package cifar.sweep.file;

import cifar.config.RunConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a sweep file: the file's baseline plus some changes. A one-factor run is
 * one entry; a grid becomes one entry per point.
 *
 * @param name the name shown in the table, unique within its file
 * @param changes the keys this entry changes against the file's baseline, typed and validated
 * @param config the file's baseline with the changes applied (before command-line overrides)
 * @param reported the accuracy the study reported for this config (0..1), or null
 */
public record SweepEntry(String name, Map<String, Object> changes, RunConfig config, Double reported) {
  public SweepEntry {
    changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
  }
}
