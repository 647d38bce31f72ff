package io.backupscheduler.api;

import io.backupscheduler.errors.InvalidInputException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Refuses, with a 400 that says where, input no endpoint can take, before it reaches one: the NUL character in
 * query and path parameters and in JSON bodies (no field accepts it, and PostgreSQL cannot store it in text: left
 * alone it failed in a query or an insert as a server error), and a JSON body that is not exactly one well-formed
 * value (the JSON-B reader stops after the first value, so {@code {}}} was taken for {@code {}}); and a JSON body
 * over 1 MiB (413).
 */
@Provider
public class InputGuard implements ContainerRequestFilter, ReaderInterceptor {
    /** Looked up once: Json.createParser asks the ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final String NUL = "must not contain the NUL character";
    /** The largest JSON body any endpoint takes (a job with every source and pattern is a few KiB). */
    static final int MAX_JSON_BYTES = 1024 * 1024;

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
        byte[] body = context.getInputStream().readNBytes(MAX_JSON_BYTES + 1);
        if (body.length > MAX_JSON_BYTES) {
            throw new ClientErrorException("a JSON body may be at most " + MAX_JSON_BYTES / 1024 + " KiB", 413);
        }
        if (hasNul(body)) {
            throw InvalidInputException.of("body", NUL + " (\\u0000)");
        }
        String malformed = malformed(body);
        if (malformed != null) {
            throw InvalidInputException.of("body", malformed);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Why the body is not one well-formed JSON value, or null when it is (or is empty: some bodies are optional). */
    static String malformed(byte[] json) {
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(json))) {
            while (parser.hasNext()) { // after the top-level value, hasNext() insists on the end of the input
                parser.next();
            }
            return null;
        } catch (RuntimeException e) { // JsonParsingException, and Parsson's plain RuntimeException past 1000 levels
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "is not one well-formed JSON value: " + (why.length() > 200 ? why.substring(0, 200) + "…" : why);
        }
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
