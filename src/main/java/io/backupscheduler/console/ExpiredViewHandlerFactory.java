package io.backupscheduler.console;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A post whose view state the server does not know (the page sat open past the session, or the form was forged
 * elsewhere: an expired view, or a view state that does not even decode while the view is restored) changes nothing and sends the browser to a fresh copy of the page, instead of an error: the view
 * state is the form's anti-forgery token, and its absence is not a server failure.
 */
public class ExpiredViewHandlerFactory extends ExceptionHandlerFactory {
    private static final Logger LOG = Logger.getLogger(ExpiredViewHandlerFactory.class.getName());

    public ExpiredViewHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {
        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                ExceptionQueuedEventContext context = events.next().getContext();
                Throwable thrown = context.getException();
                boolean undecodable = PhaseId.RESTORE_VIEW.equals(context.getPhaseId()) && rootCause(thrown) instanceof IllegalArgumentException;
                if (thrown instanceof ViewExpiredException || undecodable) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
                    String viewId = thrown instanceof ViewExpiredException expired ? expired.getViewId()
                            : faces.getExternalContext().getRequestServletPath();
                    String page = faces.getExternalContext().getRequestContextPath() + (viewId == null ? "/" : viewId);
                    LOG.info(() -> "a post to " + page + " carried no view state this server issued; sent to a fresh page");
                    try {
                        faces.getExternalContext().redirect(page);
                        faces.responseComplete();
                    } catch (IOException e) {
                        throw new FacesException(e);
                    }
                }
            }
            getWrapped().handle();
        }

        private static Throwable rootCause(Throwable thrown) {
            Throwable cause = thrown;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return cause;
        }
    }
}
