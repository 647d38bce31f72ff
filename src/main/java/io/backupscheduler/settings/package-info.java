/**
 * Configuration keys that more than one capability needs (the default time zone, the data directory, the
 * dependency depth limit), each read here once so every reader agrees on its default.
 * May use: nothing of the application; MicroProfile Config.
 */
package io.backupscheduler.settings;
