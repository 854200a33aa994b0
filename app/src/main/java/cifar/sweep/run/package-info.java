/**
 * Training a sweep's runs: workers take runs from a {@link cifar.sweep.run.RunQueue} (within an
 * optional time limit), train each on a {@link cifar.training.RunExecutor}, store its record as
 * soon as it ends, and show the progress with the time left.
 */
package cifar.sweep.run;
