import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";

/** Who a message comes from, as its reader sees it: a merchant's name, logo and colour, or the portal's own. */
export interface Brand {
  name: string;
  /** #rrggbb accent for buttons and the header rule. */
  color: string;
  /** https URL of the logo, or null (the name is shown instead). */
  logoUrl: string | null;
  /** The portal's public origin (APP_URL): the footer names it. */
  appUrl: string;
}

export const PORTAL_BRAND_COLOR = "#1d4ed8";

const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export const text = { color: "#1e293b", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" } as const;
export const muted = { color: "#64748b", fontSize: "13px", lineHeight: "20px", margin: "0 0 12px" } as const;

/** The frame of every message: header with the brand, the body, a footer saying why the reader got it. */
export function Layout({
  brand,
  preview,
  heading,
  children,
  footer,
}: {
  brand: Brand;
  preview: string;
  heading: string;
  children: ReactNode;
  footer: string;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: font, margin: 0, padding: "24px 0" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            borderRadius: "8px",
            borderTop: `4px solid ${brand.color}`,
            maxWidth: "560px",
            padding: "32px",
          }}
        >
          <Section style={{ marginBottom: "24px" }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.name} height="40" style={{ maxHeight: "40px", width: "auto" }} />
            ) : (
              <Text style={{ color: brand.color, fontSize: "18px", fontWeight: 700, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: "22px", lineHeight: "30px", margin: "0 0 16px" }}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: "#e2e8f0", margin: "28px 0 16px" }} />
          <Text style={muted}>{footer}</Text>
          <Text style={{ ...muted, margin: 0 }}>
            Sent by the merchant portal at <Link href={brand.appUrl}>{brand.appUrl.replace(/^https?:\/\//, "")}</Link>.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The one call to action of a message; the URL is also written out below it for clients that hide buttons. */
export function Action({ brand, href, label }: { brand: Brand; href: string; label: string }) {
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button
        href={href}
        style={{
          backgroundColor: brand.color,
          borderRadius: "6px",
          color: "#ffffff",
          fontSize: "15px",
          fontWeight: 600,
          padding: "12px 20px",
          textDecoration: "none",
        }}
      >
        {label}
      </Button>
      <Text style={{ ...muted, margin: "12px 0 0", wordBreak: "break-all" }}>
        Or open this address: <Link href={href}>{href}</Link>
      </Text>
    </Section>
  );
}

/** A secondary link written out in full (clients that strip HTML still show where it goes). */
export function Url({ href }: { href: string }) {
  return <Link href={href}>{href}</Link>;
}

/** A two-column list of facts (amount, due date, invoice number). */
export function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <Section style={{ backgroundColor: "#f8fafc", borderRadius: "6px", margin: "0 0 20px", padding: "12px 16px" }}>
      {rows.map(([k, v]) => (
        <Text key={k} style={{ ...text, margin: "4px 0" }}>
          <span style={{ color: "#64748b" }}>{k}:</span> <strong>{v}</strong>
        </Text>
      ))}
    </Section>
  );
}
