package cifar.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * scripts/k8s/run-sweep.sh with a stand-in for kubectl that logs its calls and answers with
 * the Job states a test sets: the sweep directory is named after the sweep, a wait ends with a
 * message at its time limit, a shard that rejected its input stops the script before the
 * report, and a Job still running is never replaced.
 */
class KubernetesRunSweepTest extends ScriptTest {
  private static final Path SCRIPT = PROJECT.resolve("scripts/k8s/run-sweep.sh");
  private static final String REPORT = "apply -f " + SCRIPT.getParent().resolve("report-job.yaml");

  @BeforeEach
  void fakeKubectl() throws IOException {
    fake("kubectl", """
        echo "$*" >> "$FAKE_LOG"
        case "$*" in
          "get job cifar-sweep --ignore-not-found -o jsonpath={.status.active}") printf '%s' "${FAKE_ACTIVE:-}" ;;
          "create configmap "*) echo "kind: ConfigMap" ;;
          "apply -f -") cat >/dev/null ;;
          "get job cifar-sweep -o jsonpath="*) printf '%s' "${FAKE_SWEEP-}" ;;
          "get job cifar-sweep-report -o jsonpath="*) printf '%s' "${FAKE_REPORT-Complete }" ;;
          "get pods "*) printf "${FAKE_PODS:-}" ;;
          "logs "*) echo "the log of $*" ;;
        esac
        """);
    env.put("CIFAR_POLL_SECONDS", "1");
  }

  private Path sweepFile(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** Runs a sweep named s whose Job ends in {@code state} with pods "NAME EXIT\n..." */
  private Result sweepEndingAs(String state, String pods) throws Exception {
    env.put("FAKE_SWEEP", state);
    env.put("FAKE_PODS", pods);
    return run(dir, SCRIPT, sweepFile("s.yaml", "name: s\n").toString());
  }

  /** Checks a script's exit code and that its output says {@code message}. */
  private static void expect(int code, String message, Result r) {
    assertEquals(code, r.code(), r.out());
    assertTrue(r.out().contains(message), r.out());
  }

  /** Runs the sweep file {@code name} whose Job completes; it must succeed. */
  private Result completed(String name, String text) throws Exception {
    env.put("FAKE_SWEEP", "Complete ");
    Result r = run(dir, SCRIPT, sweepFile(name, text).toString());
    assertEquals(0, r.code(), r.out());
    return r;
  }

  @Test
  void theSweepGetsADirectoryOfItsOwnNameAndIsReported() throws Exception {
    Result r = completed("exp-1.yaml", "# a sweep\nname: \"wide-fc\"  # the table's title\nruns: []\n");
    Path file = dir.resolve("exp-1.yaml");
    List<String> calls = calls();
    String create = calls.stream().filter(l -> l.startsWith("create configmap cifar-sweep")).findFirst()
        .orElseThrow(() -> new AssertionError(calls.toString()));
    assertTrue(create.contains("--from-file=exp-1.yaml=" + file), create);
    assertTrue(create.contains("--from-literal=file=exp-1.yaml"), create);
    assertTrue(create.contains("--from-literal=name=wide-fc"), create);
    assertTrue(called(REPORT), calls.toString());
    assertTrue(r.out().contains("results: results.md in wide-fc/ of the cifar-runs volume"), r.out());
  }

  @Test
  void aSweepWithoutANameIsNamedAfterItsFile() throws Exception {
    completed("lr-probe.yaml", "runs:\n  - name: baseline\n");
    Path file = dir.resolve("lr-probe.yaml");
    assertTrue(called("create configmap cifar-sweep --from-file=lr-probe.yaml=" + file
        + " --from-literal=file=lr-probe.yaml --from-literal=name=lr-probe"), calls().toString());
  }

  @Test
  void waitingEndsWithAMessageAtTheTimeLimit() throws Exception {
    env.put("CIFAR_SWEEP_TIMEOUT", "2");
    expect(124, "job cifar-sweep has not finished after 2 s and keeps running", sweepEndingAs("", ""));
    assertFalse(called(REPORT), "no report");
  }

  @Test
  void aReportThatNeverFinishesTimesOutToo() throws Exception {
    env.put("FAKE_REPORT", "");
    env.put("CIFAR_REPORT_TIMEOUT", "1");
    expect(124, "job cifar-sweep-report has not finished after 1 s", sweepEndingAs("Complete ", ""));
  }

  @Test
  void aShardThatRejectedItsInputStopsBeforeTheReport() throws Exception {
    expect(2, "pod cifar-sweep-1-fghij rejected its input (exit code 2", sweepEndingAs("FailureTarget Failed ", "cifar-sweep-0-abcde 0\\ncifar-sweep-1-fghij 2\\n"));
    assertTrue(called("logs cifar-sweep-1-fghij -c sweep"), calls().toString());
    assertFalse(called(REPORT), "no report");
  }

  @Test
  void aShardWithAFailedRunIsStillReported() throws Exception {
    expect(0, "some shards failed; reporting what there is", sweepEndingAs("Failed ", "cifar-sweep-0-abcde 1\\n"));
    assertTrue(called(REPORT), calls().toString());
  }

  @Test
  void aRunningSweepIsNeverReplaced() throws Exception {
    env.put("FAKE_ACTIVE", "3");
    expect(2, "job cifar-sweep is still running (3 pods)", sweepEndingAs("Complete ", ""));
    assertFalse(called("create configmap"), calls().toString());
    assertFalse(called("delete"), calls().toString());
  }

  @Test
  void aSweepFileNotFoundOrNotNamedPlainlyIsRefusedBeforeKubectl() throws Exception {
    Result r = run(dir, SCRIPT, "hyperparams/nope.yaml");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("sweep file not found: hyperparams/nope.yaml (from " + dir), r.out());
    r = run(dir, SCRIPT, sweepFile("s.yaml", "name: {a: 1}\n").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("cannot take a sweep name from"), r.out());
    assertEquals(List.of(), calls());
  }
}
