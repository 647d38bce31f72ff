/**
 * Page requests, sort orders and pages of results shared by list endpoints and console tables.
 * May use: the JDK only.
 */
package io.backupscheduler.paging;
