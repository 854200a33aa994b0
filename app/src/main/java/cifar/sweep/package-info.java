/**
 * Sweeps: many runs of one recipe with some keys changed, read ({@code file}), resolved into runs
 * ({@code plan}), kept one record per run ({@code store}), trained ({@code run}) and driven by the
 * sweep command ({@code session}). Here live what they share: run ids, changes and durations.
 */
package cifar.sweep;
