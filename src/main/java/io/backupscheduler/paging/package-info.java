/**
 * Page requests, sort orders and pages of results shared by list endpoints and console tables. JDK only.
 */
package io.backupscheduler.paging;
