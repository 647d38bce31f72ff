/**
 * The audit log: who changed what and when, with the state before and after, kept in the database and read by
 * admins; the services that change things call it in their own transaction.
 * May use: nothing of the application; Jakarta Persistence, JSON-B, Jakarta Security.
 */
package io.backupscheduler.audit;
