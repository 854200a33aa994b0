package cifar.cli;

import cifar.provenance.BuildInfo;
import cifar.engine.EngineInfo;
import cifar.engine.Threads;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cifar info}: what DJL and PyTorch run on here. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print the DJL and PyTorch versions, where the native libraries were loaded "
        + "from, the flavor (cpu or cuXXX), the GPUs DJL sees and the thread settings.")
public final class InfoCommand implements Callable<Integer> {
  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Show the thread settings as `train --threads N` would set them (default 0 = "
          + "PyTorch's default).")
  int threads;

  @Override
  public Integer call() {
    Threads.configure(threads);
    System.out.println("cifar " + new VersionProvider().getVersion()[0].substring(6)
        + " (built for " + BuildInfo.djlAndPytorch() + ")");
    EngineInfo.lines().forEach(System.out::println);
    return 0;
  }
}
