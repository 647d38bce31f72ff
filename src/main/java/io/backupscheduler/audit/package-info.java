/**
 * The audit log: who changed what and when, with the state before and after, kept in the database and read by
 * admins. Depends on Jakarta Persistence, JSON-B and Jakarta Security only; the services that change things call it.
 */
package io.backupscheduler.audit;
