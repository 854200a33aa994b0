package cifar.report.html;

import cifar.config.RunConfig;
import cifar.report.table.ResultRow;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the table with what the charts draw for it: its config and the records of its
 * seeds that have a result (ok, or diverged with its last good epoch; as the table counts them).
 *
 * @param row the table's row
 * @param config the config, seed aside (the first seed's)
 * @param runs the finished records of its seeds, in plan order
 */
record ConfigRuns(ResultRow row, RunConfig config, List<RunRecord> runs) {
  ConfigRuns {
    runs = List.copyOf(runs);
  }

  /** The rows of {@code rows} with their configs and records, in table order. */
  static List<ConfigRuns> of(MergedRecords merged, List<ResultRow> rows) {
    Map<String, RunConfig> configs = new LinkedHashMap<>();
    Map<String, List<RunRecord>> records = new LinkedHashMap<>();
    for (PlannedRun p : merged.sweep().plan().runs()) {
      configs.putIfAbsent(p.configId(), p.config());
      RunRecord r = merged.records().get(p.id());
      if (r != null && r.finished()) {
        records.computeIfAbsent(p.configId(), k -> new ArrayList<>()).add(r);
      }
    }
    return rows.stream().map(r -> new ConfigRuns(r, configs.get(r.configId()),
        records.getOrDefault(r.configId(), List.of()))).toList();
  }
}
