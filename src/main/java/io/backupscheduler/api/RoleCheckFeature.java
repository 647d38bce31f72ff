package io.backupscheduler.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on resource methods (method before class)
 * the same way on every server, whether or not its JAX-RS runtime does so itself: 401 for an anonymous caller,
 * 403 for a caller without the role.
 */
@Provider
public class RoleCheckFeature implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method.isAnnotationPresent(DenyAll.class)) {
            context.register(new RoleCheck(List.of()));
        } else if (method.isAnnotationPresent(RolesAllowed.class)) {
            context.register(new RoleCheck(List.of(method.getAnnotation(RolesAllowed.class).value())));
        } else if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        } else if (type.isAnnotationPresent(DenyAll.class)) {
            context.register(new RoleCheck(List.of()));
        } else if (type.isAnnotationPresent(RolesAllowed.class)) {
            context.register(new RoleCheck(List.of(type.getAnnotation(RolesAllowed.class).value())));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class RoleCheck implements ContainerRequestFilter {
        private final List<String> allowed;

        RoleCheck(List<String> allowed) {
            this.allowed = allowed;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (allowed.stream().anyMatch(security::isUserInRole)) {
                return;
            }
            if (security.getUserPrincipal() == null) {
                throw new NotAuthorizedException("Basic realm=\"Backup Scheduler\"");
            }
            throw new ForbiddenException();
        }
    }
}
