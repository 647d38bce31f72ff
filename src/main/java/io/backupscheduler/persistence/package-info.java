/**
 * Database plumbing shared by the capabilities: the Flyway migration that runs before anything else at
 * start-up, column converters, ids for rows inserted by SQL, and recognising the database's refusals (a duplicate,
 * a lost race for rows). Depends on Jakarta EE, MicroProfile Config, Flyway and Hibernate's id generators only.
 */
package io.backupscheduler.persistence;
