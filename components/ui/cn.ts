import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * The one way class strings are joined: clsx for conditions, tailwind-merge so that a later utility replaces an
 * earlier one of the same property (a red `danger` override beats a button's grey base; `ring-red-500` beats the
 * input's `ring-slate-300`). Joining by hand leaves both, and then the order in the built CSS decides.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
