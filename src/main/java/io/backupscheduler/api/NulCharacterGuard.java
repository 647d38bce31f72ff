package io.backupscheduler.api;

import io.backupscheduler.errors.InvalidInputException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses the NUL character in query and path parameters and in JSON bodies, with a 400 that names where it was.
 * No field accepts it, and PostgreSQL cannot store it in text: left alone it reaches a query or an insert and fails
 * there as a server error.
 */
@Provider
public class NulCharacterGuard implements ContainerRequestFilter, ReaderInterceptor {
    private static final String NUL = "must not contain the NUL character";

    @Override
    public void filter(ContainerRequestContext request) {
        refuseIn(request.getUriInfo().getPathParameters());
        refuseIn(request.getUriInfo().getQueryParameters());
    }

    private static void refuseIn(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value.indexOf('\0') >= 0) {
                    throw InvalidInputException.of(parameter.getKey(), NUL);
                }
            }
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getMediaType() == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (hasNul(body)) {
            throw InvalidInputException.of("body", NUL + " (\\u0000)");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** A raw NUL byte, or the JSON escape \u0000 (a backslash that is not itself escaped, then u0000). */
    static boolean hasNul(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            if (json[i] == 0) {
                return true;
            }
            if (json[i] == '\\') {
                int run = i;
                while (run < json.length && json[run] == '\\') {
                    run++;
                }
                boolean escapes = (run - i) % 2 == 1;
                if (escapes && run + 4 < json.length && (json[run] == 'u' || json[run] == 'U')
                        && json[run + 1] == '0' && json[run + 2] == '0' && json[run + 3] == '0' && json[run + 4] == '0') {
                    return true;
                }
                i = run - 1;
            }
        }
        return false;
    }
}
