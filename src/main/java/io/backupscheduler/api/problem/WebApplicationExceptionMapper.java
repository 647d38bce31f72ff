package io.backupscheduler.api.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Failures the JAX-RS runtime raises itself (unknown path, wrong method or media type, a role check) as
 * problems, with our own wording: the runtime's messages carry internal codes.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    Request request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original != null && original.getEntity() instanceof Problem) {
            return original; // a resource that said precisely why
        }
        int status = original == null ? 500 : original.getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 401 -> "authentication is required: use HTTP Basic";
            case 403 -> "your role does not allow this request";
            case 404 -> "there is no resource at this path";
            case 405 -> "this resource does not accept " + (request == null ? "this method" : request.getMethod());
            case 406 -> "this resource answers with application/json";
            case 413 -> e.getMessage() != null && !e.getMessage().startsWith("HTTP ") ? e.getMessage() : "the body is too large";
            case 415 -> "send the body as application/json";
            default -> known != null ? known.getReasonPhrase() : "request failed";
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", known != null ? known.getReasonPhrase() : "Error", status, detail, null, null));
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("WWW-Authenticate")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.build();
    }
}
