/**
 * Failures that application services report to every interface (REST, console): bad input with the
 * fields at fault, unknown ids, conflicts. JDK only; interfaces translate them (API problems, Faces messages).
 */
package io.backupscheduler.errors;
