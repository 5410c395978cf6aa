import { siteConfig } from "../../site-config";
import type { PasswordResetData, RenderContext } from "../template-data";
import { CallToAction, EmailLayout, Paragraph, Title } from "./layout";
import { untilText } from "./ownership-link";
import { greeting, str } from "./values";

export const PASSWORD_RESET_SUBJECT = "Choose a new password for the staff console";

/** A staff member asked for a new password on the console's "Forgot password?" page. */
export function PasswordResetEmail({ data, ctx }: { data: PasswordResetData; ctx: RenderContext }) {
  const until = untilText(data.expiresAt);
  return (
    <EmailLayout
      preview="Someone asked to reset the password of your staff account."
      ctx={ctx}
      footerNote={
        <>If it was not you, ignore this email: your password stays as it is unless the button is used. Questions? Write to {siteConfig.contact.email}.</>
      }
    >
      <Title>Choose a new password</Title>
      <Paragraph>{greeting(str(data.name))}</Paragraph>
      <Paragraph>Someone asked to reset the password of your {siteConfig.name} staff account. If it was you, choose a new one below.</Paragraph>
      <CallToAction href={data.url}>Choose a new password</CallToAction>
      <Paragraph>
        The button works once{until ? `, until ${until}` : ""}. Once the new password is saved, every device signed in to your account is signed out.
      </Paragraph>
    </EmailLayout>
  );
}
