"use client";

import { type ReactNode, useEffect } from "react";
import { Alert } from "./alert";

/**
 * A success notice carried by a query parameter (`?saved=1` after a redirect), shown once: the parameter is taken
 * out of the address at once, so a later refresh of the page (after another action) does not show it again.
 */
export function OneTimeNotice({ param, children }: { param: string; children: ReactNode }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url);
  }, [param]);
  return <Alert tone="success">{children}</Alert>;
}
