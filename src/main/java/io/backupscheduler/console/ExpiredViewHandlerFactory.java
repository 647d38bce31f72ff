package io.backupscheduler.console;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A post whose view state the server does not know (the page sat open past the session, or the form was forged
 * elsewhere) changes nothing and sends the browser to a fresh copy of the page, instead of an error: the view
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
                Throwable thrown = events.next().getContext().getException();
                if (thrown instanceof ViewExpiredException expired) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
                    String page = faces.getExternalContext().getRequestContextPath() + (expired.getViewId() == null ? "/" : expired.getViewId());
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
    }
}
