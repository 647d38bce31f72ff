/**
 * What every HTTP response carries whatever produced it (console, API, health): security headers.
 * May use: nothing of the application; the Servlet API.
 */
package io.backupscheduler.web;
