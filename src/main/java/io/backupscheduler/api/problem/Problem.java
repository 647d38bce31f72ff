package io.backupscheduler.api.problem;

import io.backupscheduler.errors.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem. {@code errors} lists each field at fault when there are any.
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:backup-scheduler:problem:";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    static Problem of(Response.Status status, String kind, String detail, List<FieldError> errors) {
        return new Problem(kind == null ? "about:blank" : TYPE_PREFIX + kind, status.getReasonPhrase(),
                status.getStatusCode(), detail, null, errors);
    }

    Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
