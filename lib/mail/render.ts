import { render } from "@react-email/render";
import { type ComponentType, createElement } from "react";
import { type Brand, TEMPLATES, type TemplateName, type TemplateProps } from "./templates";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** A template with its props in a brand: the subject, the HTML part and the plain-text part (from the same tree). */
export async function renderMail<N extends TemplateName>(
  name: N,
  props: TemplateProps<N>,
  brand: Brand,
): Promise<RenderedMail> {
  const def = TEMPLATES[name] as unknown as {
    Component: ComponentType<Record<string, unknown>>;
    subject: (p: TemplateProps<N>, b: Brand) => string;
  };
  const element = createElement(def.Component, { ...(props as object), brand });
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: { wordwrap: 78 } }),
  ]);
  return {
    subject: def
      .subject(props, brand)
      .replace(/[\r\n]+/g, " ")
      .slice(0, 250),
    html,
    text,
  };
}
