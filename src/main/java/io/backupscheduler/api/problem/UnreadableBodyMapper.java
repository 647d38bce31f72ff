package io.backupscheduler.api.problem;

import io.backupscheduler.errors.FieldError;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;

/** A body that is not JSON, or JSON of the wrong shape: 400, naming the property when it can be known. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
    @Context
    ResourceInfo resource;

    @Override
    public Response toResponse(ProcessingException e) {
        return problem(e, bodyType(resource)).toResponse();
    }

    /** JSON-B failures that reach the application without a ProcessingException around them. */
    @Provider
    public static class JsonbFailureMapper implements ExceptionMapper<JsonbException> {
        @Context
        ResourceInfo resource;

        @Override
        public Response toResponse(JsonbException e) {
            return problem(e, bodyType(resource)).toResponse();
        }
    }

    static Problem problem(Throwable failure, Class<?> bodyType) {
        JsonbMessages.EnumMismatch mismatch = JsonbMessages.enumMismatch(failure);
        if (mismatch != null) {
            String property = JsonbMessages.propertyOfType(bodyType, mismatch.enumType());
            String message = "'" + mismatch.value() + "' is not one of " + mismatch.allowed();
            String field = property != null ? property : "body";
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-input", field + ": " + message,
                    List.of(new FieldError(field, message)));
        }
        String property = JsonbMessages.propertyName(failure);
        String reason = JsonbMessages.reason(failure);
        if (property != null) {
            String message = reason != null && reason.startsWith("For input string")
                    ? "must be a number"
                    : "has the wrong type or value" + (reason == null ? "" : ": " + reason);
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-input", property + ": " + message,
                    List.of(new FieldError(property, message)));
        }
        String detail = "the request body is not valid JSON for this request" + (reason == null ? "" : ": " + reason);
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-input", detail, List.of(new FieldError("body", detail)));
    }

    /** The type of the resource method's entity parameter (the one without a JAX-RS annotation), or null. */
    static Class<?> bodyType(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        for (Parameter parameter : method.getParameters()) {
            boolean annotatedByJaxRs = false;
            for (var annotation : parameter.getAnnotations()) {
                if (annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs")) {
                    annotatedByJaxRs = true;
                }
            }
            if (!annotatedByJaxRs) {
                return parameter.getType();
            }
        }
        return null;
    }
}
