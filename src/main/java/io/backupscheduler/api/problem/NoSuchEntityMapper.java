package io.backupscheduler.api.problem;

import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class NoSuchEntityMapper implements ExceptionMapper<NoSuchEntityException> {
    @Override
    public Response toResponse(NoSuchEntityException e) {
        return Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage(), null).toResponse();
    }
}
