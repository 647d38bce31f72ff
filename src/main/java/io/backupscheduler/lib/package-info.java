/**
 * The ground floor: libraries with no server, no database and no knowledge of jobs, queues or schedules, used by
 * the capabilities above them. Each sub-package is one library (cron, calendar, graph, placement, archive, objectstore, process).
 * May use: nothing of the application; sub-packages say what else they need.
 */
package io.backupscheduler.lib;
