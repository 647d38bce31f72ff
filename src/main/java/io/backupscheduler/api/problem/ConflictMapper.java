package io.backupscheduler.api.problem;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

@Provider
public class ConflictMapper implements ExceptionMapper<ConflictException> {
    @Override
    public Response toResponse(ConflictException e) {
        List<FieldError> errors = e.field() == null ? null : List.of(new FieldError(e.field(), e.getMessage()));
        return Problem.of(Response.Status.CONFLICT, "conflict", e.getMessage(), errors).toResponse();
    }
}
