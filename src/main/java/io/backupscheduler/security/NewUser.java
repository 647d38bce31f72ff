package io.backupscheduler.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

/** A user to create, from the API's body or the console's form: name, initial password and granted roles. */
public class NewUser implements Serializable {
    private static final long serialVersionUID = 1L;

    @NotBlank(message = "is required")
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{1,63}",
            message = "must be 2 to 64 characters: letters, digits, '.', '_', '@' and '-', starting with a letter or digit")
    private String username;

    @NotNull(message = "is required")
    @Size(min = 12, max = 256, message = "must be between {min} and {max} characters")
    private String password;

    @NotEmpty(message = "must name at least one of admin, operator, viewer")
    private Set<@NotNull(message = "must not be null") String> roles = new LinkedHashSet<>();

    public NewUser() {
    }

    public NewUser(String username, String password, Set<String> roles) {
        this.username = username;
        this.password = password;
        this.roles = new LinkedHashSet<>(roles);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Set<String> getRoles() {
        return roles;
    }

    public void setRoles(Set<String> roles) {
        this.roles = roles == null ? new LinkedHashSet<>() : new LinkedHashSet<>(roles);
    }
}
