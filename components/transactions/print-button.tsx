"use client";

/** Opens the browser's print dialog (the page's print styles hide this button). */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
    >
      Print
    </button>
  );
}
