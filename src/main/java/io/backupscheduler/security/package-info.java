/**
 * Who may do what: users and their roles in the database, PBKDF2 password hashes, the authentication
 * mechanism (form login for the console, HTTP Basic for the API) and the first admin account.
 * Depends on Jakarta Security, Persistence and MicroProfile Config; interfaces depend on it, not the reverse.
 */
package io.backupscheduler.security;
