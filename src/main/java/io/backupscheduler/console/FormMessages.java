package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;

/** Puts a service's complaints where users look: next to the field it names, or at the top of the form. */
final class FormMessages {
    private FormMessages() {
    }

    /** Next to the field on {@code form} that the error names, or at the top when no field on the form matches. */
    static void fieldError(String form, FieldError error) {
        FacesContext faces = FacesContext.getCurrentInstance();
        UIComponent component = error.field().isEmpty() ? null
                : faces.getViewRoot().findComponent(form + ":" + error.leafName());
        FacesMessage message = new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), null);
        if (component == null) {
            message.setSummary(error.field().isEmpty() ? error.message() : error.field() + ": " + error.message());
            faces.addMessage(null, message);
            return;
        }
        if (component instanceof UIInput input) {
            input.setValid(false);
        }
        faces.addMessage(component.getClientId(faces), message);
    }

    /**
     * A service refused a form's request: bad input goes next to its fields, a conflict next to the field it names
     * (or on top), a vanished entity on top with {@code goneMessage}; the form stays open (validation failed).
     */
    static void refused(String form, RuntimeException refusal, String goneMessage) {
        if (refusal instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> fieldError(form, error));
        } else if (refusal instanceof ConflictException conflict) {
            fieldError(form, new FieldError(conflict.field() == null ? "" : conflict.field(), conflict.getMessage()));
        } else if (refusal instanceof NoSuchEntityException) {
            globalError(goneMessage);
        } else {
            throw refusal;
        }
        FacesContext.getCurrentInstance().validationFailed();
    }

    static void globalError(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void warning(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }
}
