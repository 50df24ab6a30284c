import { LoadingSkeleton } from "@/components/ui/loading-skeleton";

// A route group of its own (the URL is unchanged) so this boundary wraps only the list page, never a detail page that
// may answer 404 (a loading boundary makes Next send 200 before the page runs).
export default function Loading() {
  return <LoadingSkeleton label="Loading settlements…" />;
}
