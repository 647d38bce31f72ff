package io.backupscheduler.api.problem;

import io.backupscheduler.errors.InvalidInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
        String detail = e.errors().size() == 1
                ? e.getMessage()
                : e.errors().size() + " fields are invalid: " + e.getMessage();
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-input", detail, e.errors()).toResponse();
    }
}
