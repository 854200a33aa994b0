/**
 * Training a sweep's runs: workers take {@link cifar.sweep.run.Task}s (a group of seeds as one
 * stack, or a run alone) from a {@link cifar.sweep.run.RunQueue} (within an optional time limit),
 * train each on a {@link cifar.training.RunExecutor}, store its records as soon as it ends, and
 * show the progress with the time left.
 */
package cifar.sweep.run;
