"use client";

/** The error page of these routes (components/shell/error-page.tsx); the hosted pay page has none: see app/pay. */
export { default } from "@/components/shell/error-page";
