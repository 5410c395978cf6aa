import { ConfirmationEmail, type ConfirmationProps } from "./confirmation";

/** To a referred friend who pressed "Yes, I am interested" in their invitation. */
export function InviteConfirmationEmail({ data, ctx }: ConfirmationProps) {
  return (
    <ConfirmationEmail
      data={data}
      ctx={ctx}
      preview="Thanks for your interest. An advisor will email you details of our programs and upcoming cohorts."
      title="Thanks for your interest"
      intro="Thank you for letting us know you would like to hear more."
      nextSteps={[
        "An advisor will email you within two working days with details of our programs and the next start dates.",
        "If you would rather talk it through, reply to this email with a good time to call.",
        "Not interested after all? Reply and say so, and we will not email you again.",
      ]}
      summaryTitle="Your details"
    />
  );
}
