/**
 * Database plumbing shared by the capabilities: the Flyway migration that runs before anything else at
 * start-up, and column converters. Depends on Jakarta EE, MicroProfile Config and Flyway only.
 */
package io.backupscheduler.persistence;
