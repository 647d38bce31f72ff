/**
 * What every HTTP response carries whatever produced it (console, API, health): security headers. Depends on the
 * Servlet API only.
 */
package io.backupscheduler.web;
