"use client";

import { useEffect, useRef } from "react";
import { type PayBridgeOptions, startPayBridge } from "./pay-bridge-dom";

/**
 * Starts the pay form's bridge (pay-bridge-dom.ts) on the form it is rendered in. Renders only an empty marker:
 * the form itself is server-rendered HTML.
 */
export function PayBridge(props: PayBridgeOptions) {
  const marker = useRef<HTMLSpanElement>(null);
  const options = useRef(props);
  useEffect(() => {
    const form = marker.current?.closest("form");
    return form ? startPayBridge(form, options.current) : undefined;
  }, []);
  return <span ref={marker} hidden />;
}
