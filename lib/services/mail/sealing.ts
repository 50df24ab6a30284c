/**
 * How queued message content is sealed (lib/crypto/keys): its own module so the delivery job reads it without
 * importing the templates.
 */
export const MAIL_SEAL_PURPOSE = "mail-payload";

/** What queued content is bound to: its own message row, so it is sent as no other message. */
export function mailPayloadBinding(messageId: string): string {
  return `mail_messages/${messageId}/payload_enc`;
}
