import { customerAddresses } from "@/db/schema";

/** The postal lines of a cached vault address, named as in the domain `Address` (for selects that show one). */
export const addressPostalColumns = {
  line1: customerAddresses.line1,
  line2: customerAddresses.line2,
  city: customerAddresses.city,
  state: customerAddresses.state,
  postalCode: customerAddresses.postalCode,
  country: customerAddresses.country,
};
