import { adjustmentRoutes } from "@/components/recurring/adjustment-pages";

export default adjustmentRoutes("addOn").New;
