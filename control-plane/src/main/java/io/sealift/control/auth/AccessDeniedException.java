package io.sealift.control.auth;

/**
 * A valid token asked for something its role does not allow; answered with 403 and audited.
 */
public final class AccessDeniedException extends RuntimeException {
    private final transient Caller caller;
    private final Role required;

    /** Creates the exception for {@code caller}, who lacks {@code required}. */
    public AccessDeniedException(Caller caller, Role required) {
        super("this action needs role " + required + " or higher; the token has role " + caller.role(),
                null, false, false);
        this.caller = caller;
        this.required = required;
    }

    /** Returns who was refused. */
    public Caller caller() {
        return caller;
    }

    /** Returns the role the action needs. */
    public Role required() {
        return required;
    }
}
