import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { siteConfig } from "../../site-config";
import type { RenderContext } from "../template-data";
import { s } from "./styles";
import { origin, url } from "./values";

/** The frame of every email: header with the brand, the content, and the footer. */
export function EmailLayout({
  preview,
  ctx,
  children,
  footerNote,
  unsubscribe,
}: {
  /** The inbox preview line. */
  preview: string;
  ctx: RenderContext;
  children: ReactNode;
  /** Why the person got this email. */
  footerNote?: ReactNode;
  /** An unsubscribe line for the footer (the link itself comes from ctx.unsubscribeUrl). */
  unsubscribe?: { prompt: string; action: string };
}) {
  const home = url(origin(ctx.siteUrl));
  const unsubscribeUrl = url(ctx.unsubscribeUrl);
  const { contact } = siteConfig;
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Section style={s.header} data-skip-in-text="true">
            {home ? (
              <Link href={home} style={s.logo}>
                {siteConfig.logoText}
              </Link>
            ) : (
              <Text style={{ ...s.logo, margin: 0 }}>{siteConfig.logoText}</Text>
            )}
          </Section>
          <Section style={s.content}>{children}</Section>
          <Hr style={s.hr} />
          <Section style={s.footer}>
            {footerNote ? <Text style={s.small}>{footerNote}</Text> : null}
            {unsubscribe && unsubscribeUrl ? (
              <Text style={s.small}>
                {unsubscribe.prompt}{" "}
                <Link href={unsubscribeUrl} style={s.link}>
                  {unsubscribe.action}
                </Link>
              </Text>
            ) : null}
            <Text style={s.small}>
              {siteConfig.name}, {contact.address}
              <br />
              <Link href={`mailto:${contact.email}`} style={s.link}>
                {contact.email}
              </Link>{" "}
              · {contact.phone}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={s.h1}>
      {children}
    </Heading>
  );
}

export function Subtitle({ children }: { children: ReactNode }) {
  return (
    <Heading as="h2" style={s.h2}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={s.p}>{children}</Text>;
}

/** A list of plain sentences, e.g. what happens next. */
export function Steps({ items }: { items: readonly ReactNode[] }) {
  return (
    <ul style={s.list}>
      {items.map((item, i) => (
        <li key={i} style={s.listItem}>
          {item}
        </li>
      ))}
    </ul>
  );
}

/** A link's props: a URL from the data, which may be missing or unsafe, and what it reads. */
type LinkProps = { href: unknown; children: ReactNode };

/** The main call to action; nothing when the URL is missing or not http(s). */
export function CallToAction({ href, children }: LinkProps) {
  const target = url(href);
  return target ? (
    <Section style={s.buttonWrap}>
      <Button href={target} style={s.button}>
        {children}
      </Button>
    </Section>
  ) : null;
}

/** A link, or just its text when the URL is missing or unsafe. */
export function SafeLink({ href, children }: LinkProps) {
  const target = url(href);
  return target ? (
    <Link href={target} style={s.link}>
      {children}
    </Link>
  ) : (
    <>{children}</>
  );
}

/** Text that may contain line breaks (a message, a note), kept as separate lines. */
export function MultiLine({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </>
  );
}
