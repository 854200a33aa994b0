/**
 * A search trained as a sweep: its trials as runs, scored on held-out images; ASHA's scheduler
 * as the sweep's run queue, with the log that lets it resume; the training it spends; and its
 * dry-run listing.
 */
package cifar.search.run;
