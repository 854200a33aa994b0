package cifar.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.provenance.Provenance;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Shard;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.session.SweepTesting;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceCheckTest {
  @Test
  void namesTheCommitsAndWarnsAboutAConfigWhoseSeedsCameFromTwo(@TempDir Path dir) {
    var plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(2, null, null, null));
    SweepTesting.run(plan, dir, Shard.ALL, new FakeExecutor(), 1, false);
    List<String> clean = ProvenanceCheck.lines(SweepTesting.records(dir));
    assertEquals(1, clean.size(), clean.toString());
    assertTrue(clean.get(0).startsWith("records made by: ") && clean.get(0).contains("(10 runs)"),
        clean.get(0));

    // seed 2 of the baseline made by another commit, as after a code change between two runs
    RunRecord seed2 = SweepTesting.records(dir).records().values().stream()
        .filter(r -> r.name().equals("baseline") && r.config().seed() == 2).findFirst()
        .orElseThrow();
    Provenance p = seed2.provenance();
    Provenance other = new Provenance(p.projectVersion(), "0123456789abcdef", false,
        p.djlVersion(), p.pytorchVersion(), p.flavor(), p.devices(), p.javaVersion(), p.os(),
        p.cpuModel(), p.cores(), p.threads(), p.allocator(), p.host(), p.startedAt(),
        p.finishedAt(), p.stack());
    new SweepStore(dir).write(new RunRecord(seed2.sweep(), seed2.fingerprint(), seed2.id(),
        seed2.configId(), seed2.name(), seed2.changes(), seed2.config(), seed2.status(),
        seed2.error(), seed2.log(), seed2.testAccuracy(), seed2.validationAccuracy(),
        seed2.perClassAccuracy(), seed2.confusion(), seed2.epochs(), seed2.wallSeconds(),
        seed2.shard(), other));

    List<String> mixed = ProvenanceCheck.lines(SweepTesting.records(dir));
    assertEquals(2, mixed.size(), mixed.toString());
    assertTrue(mixed.get(0).contains("0123456789ab, DJL") && mixed.get(0).contains("(1 run)"),
        mixed.get(0));
    assertTrue(mixed.get(1).startsWith("warning: the seeds of baseline come from different"),
        mixed.get(1));
  }
}
