/**
 * Who may do what: users and their roles in the database, PBKDF2 password hashes, API tokens, the authentication
 * mechanism (form sign-in for the console, Basic or Bearer for the API) with lockout, and the first admin account.
 * May use: {@code audit}, {@code errors}, {@code persistence}, {@code settings}; Jakarta Security, Persistence,
 * MicroProfile Config.
 */
package io.backupscheduler.security;
