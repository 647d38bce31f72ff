/**
 * Turns every failure of an API request into an {@code application/problem+json} response (RFC 9457) that names the
 * fields at fault, and never shows a stack trace.
 * May use: {@code errors}, {@code persistence}; JAX-RS, JSON-B, Bean Validation.
 */
package io.backupscheduler.api.problem;
