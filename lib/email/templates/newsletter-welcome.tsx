import { Section, Text } from "@react-email/components";
import { siteConfig } from "../../site-config";
import { ConfirmationEmail, type ConfirmationProps } from "./confirmation";
import { SafeLink } from "./layout";
import { s } from "./styles";
import { discountPercent, origin, str } from "./values";

export function NewsletterWelcomeEmail({ data, ctx }: ConfirmationProps) {
  const code = str(data.discountCode);
  const percent = discountPercent(data);
  return (
    <ConfirmationEmail
      data={data}
      ctx={ctx}
      preview={code ? `Your code ${code} takes ${percent}% off your next course.` : `Welcome to the ${siteConfig.name} newsletter.`}
      title="You are subscribed"
      intro={`Thank you for subscribing to the ${siteConfig.name} newsletter: career guides, new cohort dates and events.`}
      nextSteps={[
        ...(code ? [`Your personal discount code is below. Keep this email so you have it when you enroll.`] : []),
        `Use it when you enroll to take ${percent}% off your next course.`,
        "Every newsletter has a one-click unsubscribe link.",
      ]}
      unsubscribe={{ prompt: "Changed your mind?", action: "Unsubscribe in one click" }}
    >
      {code ? (
        <Section style={s.codeBox}>
          <Text style={{ ...s.p, fontWeight: 700, margin: 0 }}>Your code: {percent}% off your next course</Text>
          <Text style={s.code}>{code}</Text>
          <Text style={{ ...s.small, margin: 0 }}>
            How to use it: when you enroll, give this code to your admissions advisor as you confirm your place and payment plan,
            and {percent}% comes off the price of your next course.{" "}
            <SafeLink href={`${origin(ctx.siteUrl)}/apply`}>Apply for a course</SafeLink>
          </Text>
        </Section>
      ) : null}
    </ConfirmationEmail>
  );
}
