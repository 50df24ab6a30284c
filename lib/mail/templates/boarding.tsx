import { Text } from "@react-email/components";
import { Action, type Brand, Layout, text, Url } from "./layout";

/** Messages to a business owner during boarding: the e-signature request, and the welcome once the merchant is live. */

const when = (d: string) =>
  new Date(d).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export interface EsignRequestProps {
  ownerName: string;
  dbaName: string;
  partnerName: string;
  /** CoPilot's e-signature link for this application. */
  signatureUrl: string;
}

export function EsignRequest(p: EsignRequestProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`Sign the merchant application of ${p.dbaName}`}
      heading="Your merchant application is ready to sign"
      footer={`${p.partnerName} prepared this application with you. If you did not expect it, contact them before signing.`}
    >
      <Text style={text}>Hello {p.ownerName},</Text>
      <Text style={text}>
        {p.partnerName} prepared the merchant application of {p.dbaName}. Review it and sign it electronically:
      </Text>
      <Action brand={p.brand} href={p.signatureUrl} label="Review and sign" />
      <Text style={text}>Underwriting starts once it is signed; we will email you when your account is live.</Text>
    </Layout>
  );
}
export const esignRequestSubject = (p: EsignRequestProps) => `Please sign the merchant application of ${p.dbaName}`;

export interface MerchantWelcomeProps {
  ownerName: string;
  dbaName: string;
  /** A one-time link to choose a password (new account), or null when the owner already has one. */
  setPasswordUrl: string | null;
  expiresAt: string | null;
  signInUrl: string;
  forgotPasswordUrl: string;
}

export function MerchantWelcome(p: MerchantWelcomeProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`${p.dbaName} is live`}
      heading={`Welcome — ${p.dbaName} is live`}
      footer="This message went only to the owner's address. A set-password link works once and only until a password is set."
    >
      <Text style={text}>Hello {p.ownerName},</Text>
      <Text style={text}>
        {p.dbaName} is approved and live. In the merchant portal you can take payments, send invoices, run recurring
        billing and see your settlements.
      </Text>
      {p.setPasswordUrl ? (
        <>
          <Action brand={p.brand} href={p.setPasswordUrl} label="Set your password" />
          {p.expiresAt ? (
            <Text style={text}>
              The link expires on {when(p.expiresAt)}. Later, ask for a new one at <Url href={p.forgotPasswordUrl} />.
            </Text>
          ) : null}
        </>
      ) : (
        <>
          <Text style={text}>Sign in with your existing account; the new business is in your list.</Text>
          <Action brand={p.brand} href={p.signInUrl} label="Sign in" />
        </>
      )}
    </Layout>
  );
}
export const merchantWelcomeSubject = (p: MerchantWelcomeProps) => `Welcome: ${p.dbaName} is live`;
