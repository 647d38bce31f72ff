/**
 * Failures that application services report to every interface (REST, console): bad input with the fields at
 * fault, unknown ids, conflicts. Interfaces translate them (API problems, Faces messages).
 * May use: the JDK only.
 */
package io.backupscheduler.errors;
