package io.backupscheduler.console;

import io.backupscheduler.errors.FieldError;
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
