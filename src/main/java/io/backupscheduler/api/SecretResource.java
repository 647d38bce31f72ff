package io.backupscheduler.api;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.secret.PointKeys;
import io.backupscheduler.secret.SecretRotation;
import io.backupscheduler.secret.SecretStore;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("secrets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Secrets", description = "Named secrets (restic passwords, storage keys), encrypted at rest; values are never returned")
public class SecretResource {
    @Inject
    PointKeys pointKeys;

    @Inject
    SecretStore secrets;

    @Inject
    SecretRotation rotation;

    @Inject
    BackupJobService jobs;

    @Inject
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    /** The body of a secret: {@code {"value": "…"}}. */
    public static class SecretValue {
        public String value;
    }

    /** How many secrets a key rotation encrypted again. */
    public record RotationResponse(int reencrypted) {
    }

    @GET
    @Operation(summary = "The secrets: names and when they changed", description = "Never their values")
    @APIResponse(responseCode = "200", description = "every secret, by name")
    public List<SecretStore.SecretInfo> list() {
        return secrets.list();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One secret: that it is set, when it changed and by whom", description = "Never its value")
    @APIResponse(responseCode = "200", description = "the secret")
    @APIResponse(responseCode = "404", description = "no such secret")
    public SecretStore.SecretInfo get(@PathParam("name") String name) {
        return secrets.get(name);
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Set a secret", description = "Creates it or replaces its value: {\"value\": \"…\"}. The value is encrypted "
            + "at rest and never shown again; the audit log records the change without it.")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "200", description = "replaced")
    @APIResponse(responseCode = "400", description = "a bad name, or no value")
    public Response put(@PathParam("name") String name, SecretValue body) {
        if (body == null) {
            throw InvalidInputException.of("value", "is required: {\"value\": \"…\"}");
        }
        boolean created = secrets.put(name, body.value, security.getCallerPrincipal().getName());
        SecretStore.SecretInfo info = secrets.get(name);
        return created ? Response.created(uriInfo.getAbsolutePath()).entity(info).build() : Response.ok(info).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a secret")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such secret")
    @APIResponse(responseCode = "409", description = "jobs use it (named in the answer)")
    public Response delete(@PathParam("name") String name) {
        List<String> users = jobs.usingSecret(name);
        if (!users.isEmpty()) {
            throw new ConflictException("name", "secret '" + name + "' is the repository password of job(s) " + String.join(", ", users)
                    + "; change those jobs first");
        }
        secrets.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("rotate-key")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate the secret key", description = "With the key file: a new key becomes primary, every secret is "
            + "encrypted again with it, and the old key is dropped. With backup.secrets.keyset: every secret is encrypted again "
            + "with the configured keyset's primary key (see operations.md, \"Secrets\").")
    @APIResponse(responseCode = "200", description = "how many secrets were encrypted again")
    public RotationResponse rotate() {
        return new RotationResponse(rotation.rotate());
    }

    @POST
    @Path("rotate-point-key")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate the point keyset", description = "A new key becomes primary in the point keyset file: new encrypted "
            + "points have their data keys wrapped with it; the old keys stay, so every existing point still opens. With "
            + "backup.encryption.keyset the keyset is configuration: rotate it there (409). See operations.md, \"Encrypted points\".")
    @APIResponse(responseCode = "200", description = "how many keys the point keyset now holds")
    @APIResponse(responseCode = "409", description = "the keyset comes from configuration")
    public PointKeysetResponse rotatePointKey() throws IOException {
        try {
            return new PointKeysetResponse(pointKeys.rotate());
        } catch (IllegalStateException e) {
            throw new ConflictException("backup.encryption.keyset", e.getMessage());
        }
    }

    /** The point keyset after a rotation: how many keys it holds (the newest is primary). */
    public record PointKeysetResponse(int keys) {
    }
}
