/**
 * Database plumbing shared by the capabilities: the Flyway migration that runs before anything else at start-up (with
 * the few migrations whose SQL differs by database, written in Java),
 * column converters, ids for rows inserted by SQL, and recognising the database's refusals (a duplicate, a lost race
 * for rows), and the interceptors that carry a service's refusals out of its transaction without an FFDC incident.
 * May use: {@code errors}; Jakarta Persistence, EJB, JTA, CDI, MicroProfile Config, Flyway, Hibernate.
 */
package io.backupscheduler.persistence;
