import { Text } from "@react-email/components";
import { Action, type Brand, Facts, Layout, text, Url } from "./layout";

/**
 * Account messages. Those that carry a credential (set password, reset) go only to the account's own address and are
 * never shown in the portal; the invitation of an existing account carries none (the invitee signs in as themselves).
 */

const when = (d: string) =>
  new Date(d).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export interface InvitationProps {
  inviteeName: string;
  inviterName: string;
  merchantName: string;
  roleLabel: string;
  /** The signed-in page listing the account's invitations (APP_URL/account/invitations). */
  invitationsUrl: string;
  /** The page to ask for a reset link, for an invitee who has not set a password yet. */
  forgotPasswordUrl: string;
}

export function Invitation(p: InvitationProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`${p.inviterName} invited you to ${p.merchantName}`}
      heading={`Join ${p.merchantName}`}
      footer={`You got this because ${p.inviterName} invited this address to ${p.merchantName}. If you don't want to join, decline the invitation or ignore this message; nothing changes until you accept.`}
    >
      <Text style={text}>Hello {p.inviteeName},</Text>
      <Text style={text}>
        {p.inviterName} invited you to {p.merchantName} on the merchant portal as {p.roleLabel}. Sign in with your own
        account to accept or decline; you can then switch between your businesses.
      </Text>
      <Action brand={p.brand} href={p.invitationsUrl} label="Review the invitation" />
      <Text style={text}>
        No password yet? Ask for one at <Url href={p.forgotPasswordUrl} /> — the link goes only to this address.
      </Text>
    </Layout>
  );
}
export const invitationSubject = (p: InvitationProps) => `${p.inviterName} invited you to ${p.merchantName}`;

export interface SetPasswordProps {
  name: string;
  inviterName: string;
  merchantName: string;
  roleLabel: string;
  setPasswordUrl: string;
  expiresAt: string;
}

export function SetPassword(p: SetPasswordProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`Set your password to join ${p.merchantName}`}
      heading={`You're invited to ${p.merchantName}`}
      footer="This link works once, only for this address, and only until a password is set. If you did not expect it, ignore this message: no account is usable without it."
    >
      <Text style={text}>Hello {p.name},</Text>
      <Text style={text}>
        {p.inviterName} invited you to {p.merchantName} on the merchant portal as {p.roleLabel}. Choose your password to
        sign in:
      </Text>
      <Action brand={p.brand} href={p.setPasswordUrl} label="Set your password" />
      <Text style={text}>The link expires on {when(p.expiresAt)}.</Text>
    </Layout>
  );
}
export const setPasswordSubject = (p: SetPasswordProps) => `You're invited to ${p.merchantName}: set your password`;

export interface PasswordResetProps {
  name: string;
  email: string;
  resetUrl: string;
  expiresAt: string;
}

export function PasswordReset(p: PasswordResetProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview="Choose a new password"
      heading="Reset your password"
      footer="If you did not ask for this, ignore this message: your password stays as it is. The link works once."
    >
      <Text style={text}>Hello {p.name},</Text>
      <Text style={text}>Someone (hopefully you) asked to reset the password of {p.email}. Choose a new one here:</Text>
      <Action brand={p.brand} href={p.resetUrl} label="Choose a new password" />
      <Text style={text}>
        The link expires on {when(p.expiresAt)}. Every device signed in to your account is signed out when you use it.
      </Text>
    </Layout>
  );
}
export const passwordResetSubject = () => "Reset your merchant portal password";

export interface NewDeviceProps {
  name: string;
  email: string;
  at: string;
  browser: string;
  ip: string;
  securityUrl: string;
  forgotPasswordUrl: string;
}

export function NewDevice(p: NewDeviceProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`New sign-in to ${p.email}`}
      heading="New sign-in to your account"
      footer="We tell you about every sign-in from a browser this account has not used before."
    >
      <Text style={text}>Hello {p.name},</Text>
      <Text style={text}>Your account {p.email} was just signed in to from a new browser.</Text>
      <Facts
        rows={[
          ["When", when(p.at)],
          ["Browser", p.browser],
          ["Network address", p.ip],
        ]}
      />
      <Text style={text}>
        If this was you, there is nothing to do. If not, reset your password at <Url href={p.forgotPasswordUrl} /> and
        sign out every session:
      </Text>
      <Action brand={p.brand} href={p.securityUrl} label="Review account security" />
    </Layout>
  );
}
export const newDeviceSubject = () => "New sign-in to your merchant portal account";
