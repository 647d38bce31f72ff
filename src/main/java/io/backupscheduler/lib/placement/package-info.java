/**
 * Where a run may go: node labels ({@code key=value}, such as {@code host=db1}) and the rule that a node takes a job
 * only when it has every label the job's placement names ({@code Labels}).
 * May use: nothing of the application; the JDK only.
 */
package io.backupscheduler.lib.placement;
