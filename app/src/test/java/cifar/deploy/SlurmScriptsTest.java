package cifar.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * scripts/slurm with stand-ins for sbatch and java that log what they were given: the traps
 * that a real cluster showed stay closed (a sweep file not found, options that missed the report
 * job, a resubmitted task that became shard 1/1), and sweep.sbatch passes options that sweep
 * has. scripts/slurm/cluster-test.sh runs the same scripts on a real one-node cluster.
 */
class SlurmScriptsTest extends ScriptTest {
  private static final Path SLURM = PROJECT.resolve("scripts/slurm");

  @BeforeEach
  void fakeSbatch() throws IOException {
    // Each call: its arguments, then the variables the job would get; ids count from 41.
    fake("sbatch", """
        echo "sbatch $* | SWEEP_FILE=$SWEEP_FILE CIFAR_SHARDS=$CIFAR_SHARDS" >> "$FAKE_LOG"
        echo "$((40 + $(wc -l < "$FAKE_LOG")));cluster"
        """);
    fake("java", "echo \"java $*\" >> \"$FAKE_LOG\"\n");
    Path jar = Files.writeString(Files.createDirectories(dir.resolve("dist")).resolve("cifar.jar"), "x");
    env.put("CIFAR_JAR", jar.toString());
    env.put("CIFAR_DATA", "/shared/cifar10");
    env.put("CIFAR_SWEEP_DIR", "/shared/runs/smoke");
  }

  private Result submit(Path cwd, String... args) throws Exception {
    return run(cwd, SLURM.resolve("run-sweep.sh"), args);
  }

  @Test
  void everyOptionButTheArrayReachesTheReportJobToo() throws Exception {
    Result r = submit(PROJECT, "hyperparams/smoke.yaml", "--array=0-7", "--partition=gpu",
        "-A", "lab");
    assertEquals(0, r.code(), r.out());
    List<String> calls = calls();
    String smoke = PROJECT.resolve("hyperparams/smoke.yaml").toString();
    assertEquals(List.of(
        "sbatch --parsable --export=ALL --partition=gpu -A lab --array=0-7 " + SLURM.resolve("sweep.sbatch")
            + " | SWEEP_FILE=" + smoke + " CIFAR_SHARDS=8",
        "sbatch --parsable --export=ALL --partition=gpu -A lab --dependency=afterany:41 "
            + SLURM.resolve("report.sbatch") + " | SWEEP_FILE=" + smoke + " CIFAR_SHARDS=8"), calls);
    assertTrue(r.out().contains("job array 41 (tasks 0-7 of 8 shards), report as job 42"), r.out());
  }

  @Test
  void aSweepFileNotFoundIsNamedAndNothingIsSubmitted() throws Exception {
    Result r = submit(dir, "hyperparams/smoke.yaml", "--array=0-1");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("sweep file not found: hyperparams/smoke.yaml (from " + dir + ")"), r.out());
    assertEquals(List.of(), calls());
  }

  @Test
  void withoutArgumentsTheStudyRunsAsFourShards() throws Exception {
    Result r = submit(dir);
    assertEquals(0, r.code(), r.out());
    String first = calls().get(0);
    assertTrue(first.contains(" --array=0-3 "), first);
    assertTrue(first.endsWith("SWEEP_FILE=" + PROJECT.resolve("hyperparams/study.yaml")
        + " CIFAR_SHARDS=4"), first);
  }

  @Test
  void aPartOfTheArrayNeedsTheShardCount() throws Exception {
    Result r = submit(PROJECT, "hyperparams/smoke.yaml", "--array=3");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("set CIFAR_SHARDS to the sweep's number of shards"), r.out());
    env.put("CIFAR_SHARDS", "4");
    r = submit(PROJECT, "hyperparams/smoke.yaml", "--array=2-4");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("task 4 has no shard: the sweep has 4 shards"), r.out());
    assertEquals(List.of(), calls());

    r = submit(PROJECT, "hyperparams/smoke.yaml", "-a", "3");
    assertEquals(0, r.code(), r.out());
    String first = calls().get(0);
    assertTrue(first.contains(" --array=3 ") && first.endsWith(" CIFAR_SHARDS=4"), first);
  }

  @Test
  void aResubmittedTaskKeepsItsShard() throws Exception {
    env.put("SWEEP_FILE", "/shared/smoke.yaml");
    env.put("CIFAR_SHARDS", "4");
    env.put("SLURM_ARRAY_TASK_ID", "3");
    // What Slurm sets for a task resubmitted alone with --array=3.
    env.put("SLURM_ARRAY_TASK_MIN", "3");
    env.put("SLURM_ARRAY_TASK_COUNT", "1");
    env.put("SLURM_CPUS_PER_TASK", "2");
    Result r = run(dir, SLURM.resolve("sweep.sbatch"));
    assertEquals(0, r.code(), r.out());
    String java = calls().get(0);
    assertTrue(java.contains(" --shard 4/4 "), java);
    // Every option it passes is one of sweep's, whatever they are called now.
    List<String> args = Arrays.asList(java.split(" "));
    assertEquals(List.of("java", "-jar", env.get("CIFAR_JAR"), "sweep", "/shared/smoke.yaml"), args.subList(0, 5));
    CommandSpec sweep = Main.commandLine().getSubcommands().get("sweep").getCommandSpec();
    int options = 0;
    for (String a : args.subList(5, args.size())) {
      if (a.startsWith("-")) {
        assertNotNull(sweep.findOption(a), "sweep has no option " + a);
        options++;
      }
    }
    assertEquals(4, options, java);
  }

  @Test
  void sweepSbatchRefusesToGuessTheShardCount() throws Exception {
    env.put("SWEEP_FILE", "/shared/smoke.yaml");
    env.put("SLURM_ARRAY_TASK_ID", "3");
    Result r = run(dir, SLURM.resolve("sweep.sbatch"));
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("set CIFAR_SHARDS to the number of shards of the sweep"), r.out());
    assertEquals(List.of(), calls());
  }
}
