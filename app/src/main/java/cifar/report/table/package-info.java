/**
 * The results table that every form of a sweep's report shows (Markdown, CSV, JSON, HTML): one
 * row per config with its statistics, its fields and columns and how their numbers are written,
 * the plots drawn from it in the report's colours, and the check of which seeds compare.
 */
package cifar.report.table;
