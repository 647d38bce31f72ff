/**
 * Database plumbing shared by the capabilities: the Flyway migration that runs before anything else at start-up,
 * column converters, ids for rows inserted by SQL, and recognising the database's refusals (a duplicate, a lost race
 * for rows).
 * May use: nothing of the application; Jakarta Persistence, EJB, MicroProfile Config, Flyway, Hibernate.
 */
package io.backupscheduler.persistence;
