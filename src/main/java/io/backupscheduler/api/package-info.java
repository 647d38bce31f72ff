/**
 * The REST API under {@code /api/v1}: JAX-RS resources, their request and response shapes, and the translation
 * of failures into RFC 9457 problems ({@code problem}). Depends on the capabilities, never the reverse.
 */
package io.backupscheduler.api;
