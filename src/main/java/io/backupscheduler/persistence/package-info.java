/**
 * Database plumbing shared by the capabilities: the Flyway migration that runs before anything else at
 * start-up, column converters, and ids for rows inserted by SQL. Depends on Jakarta EE, MicroProfile
 * Config, Flyway and Hibernate's id generators only.
 */
package io.backupscheduler.persistence;
