package io.backupscheduler.api.problem;

import io.backupscheduler.errors.FieldError;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** A body that is not JSON, or JSON of the wrong shape: 400, naming the property when the binder said which. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        return UnreadableBody.problem(e).toResponse();
    }

    /** JSON-B failures that reach the application without a ProcessingException around them. */
    @Provider
    public static class JsonbFailureMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return UnreadableBody.problem(e).toResponse();
        }
    }

    static final class UnreadableBody {
        private UnreadableBody() {
        }

        static Problem problem(Throwable failure) {
            String property = JsonbMessages.propertyName(failure);
            String reason = JsonbMessages.reason(failure);
            if (property != null) {
                String message = "has the wrong type or value" + (reason == null ? "" : ": " + reason);
                return Problem.of(Response.Status.BAD_REQUEST, "invalid-input", property + " " + message,
                        List.of(new FieldError(property, message)));
            }
            String detail = "the request body is not valid JSON for this request" + (reason == null ? "" : ": " + reason);
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-input", detail,
                    List.of(new FieldError("body", detail)));
        }
    }
}
