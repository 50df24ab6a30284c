import { adjustmentRoutes } from "@/components/recurring/adjustment-pages";

export default adjustmentRoutes("discount").Edit;
