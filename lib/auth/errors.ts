/** The caller is not signed in, or their session was revoked. */
export class Unauthenticated extends Error {
  readonly code = "unauthenticated";
  constructor() {
    super("Please sign in.");
  }
}

/**
 * The resource does not exist for this caller. Outsiders get this, never "forbidden", so ids of other
 * tenants cannot be probed.
 */
export class NotFound extends Error {
  readonly code = "not_found";
  constructor(what = "Not found") {
    super(what);
  }
}

/** A member lacks the permission (e.g. staff opening settings). */
export class Forbidden extends Error {
  readonly code = "forbidden";
  constructor(message = "You don't have permission to do that.") {
    super(message);
  }
}

/**
 * REQUIRE_ADMIN_MFA is on and this admin has not enrolled a second factor: pages send them to enrolment,
 * actions and routes refuse (a Forbidden, so every existing mapping applies).
 */
export class MfaEnrolmentRequired extends Forbidden {
  constructor() {
    super("Set up two-factor authentication on your Account security page first.");
  }
}
