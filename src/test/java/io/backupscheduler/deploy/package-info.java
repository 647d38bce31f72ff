/** Tests of how the application is deployed: container images and server configuration files (no code under test). */
package io.backupscheduler.deploy;
